const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * True when a browser Origin may talk to the server (DNS-rebinding protection). No Origin (a
 * non-browser client) is allowed; with no allowlist configured, only loopback origins are.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  allowlist: readonly string[] | undefined,
): boolean {
  if (origin === undefined) return true;
  if (allowlist) return allowlist.includes("*") || allowlist.includes(origin);
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}
