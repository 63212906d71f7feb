/**
 * Request headers whose values are credentials. Their values are known exactly for the request that
 * carried them, so they are redacted as exact strings from that request's events, whatever their shape
 * (a demo key such as `tw_demo_admin` matches no secret pattern).
 */
export const CREDENTIAL_HEADERS = [
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "api-key",
  "x-auth-token",
  "x-access-token",
] as const;

// Shorter values would redact ordinary words from the events; real credentials are far longer.
const MIN_SECRET_LENGTH = 6;
const SCHEME = /^(?:Bearer|Basic|Token|Digest)\s+(.+)$/i;

/** The exact credential strings a request carried in its headers: each value and the token after a scheme. */
export function requestCredentials(headers: Readonly<Record<string, string>> | undefined): string[] {
  if (!headers) return [];
  const secrets = new Set<string>();
  for (const name of CREDENTIAL_HEADERS) {
    const value = headers[name]?.trim();
    if (!value) continue;
    const token = SCHEME.exec(value)?.[1]?.trim();
    for (const candidate of [value, token]) {
      if (candidate && candidate.length >= MIN_SECRET_LENGTH) secrets.add(candidate);
    }
  }
  // Longest first, so the whole header value is replaced before the token inside it.
  return [...secrets].sort((left, right) => right.length - left.length);
}
