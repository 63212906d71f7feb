/**
 * An HTTP `Retry-After` value (delay in seconds, or an HTTP date) as milliseconds from now; null
 * when absent or unreadable. Capped at a day, so a hostile upstream cannot tell an agent to wait forever.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  const wait = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(wait)) return null;
  return Math.min(Math.max(wait, 0), 86_400_000);
}
