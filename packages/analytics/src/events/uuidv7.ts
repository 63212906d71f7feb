import { randomUUID } from "node:crypto";

/**
 * An RFC 9562 version 7 UUID: 48 bits of Unix milliseconds, then version, variant and random bits,
 * so ids sort by creation time. The random part comes from `randomUUID()` (a version 4 UUID, whose
 * variant bits are already right), which Node serves from a pre-filled entropy cache.
 */
export function uuidv7(now: number = Date.now()): string {
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, "0").slice(-12);
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/** Matches the textual form of a version 7 UUID (any case). */
export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
