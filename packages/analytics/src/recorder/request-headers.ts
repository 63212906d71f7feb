import { CREDENTIAL_HEADERS } from "../redaction/request-credentials.js";
import type { SessionInput } from "./record-inputs.js";

// The request headers every recorded call reads: the client's, and the credentials to redact. The
// others are read only for `identify` (once per session), so a call does not copy them all: that
// would make a lazily parsed request (as Hono's are) build its whole header list.
const CALL_HEADERS = ["user-agent", "x-anthropic-client", ...CREDENTIAL_HEADERS];

// The headers a call read -> the request's full header list.
const requestHeaders = new WeakMap<Record<string, string>, Headers>();

/** The headers a recorded call needs, read by name from a WHATWG `Headers`. */
export function callHeaders(raw: Headers): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of CALL_HEADERS) {
    const value = raw.get(name);
    if (typeof value === "string") headers[name] = value;
  }
  requestHeaders.set(headers, raw);
  return headers;
}

/**
 * Every header of the request a context was read from, as `identify` receives them: those that
 * `callHeaders` left out are read now, from the same request.
 */
export function fullHeaders(input: SessionInput): Record<string, string> | undefined {
  const read = input.headers;
  const raw = read === undefined ? undefined : requestHeaders.get(read);
  if (raw === undefined) return read;
  const headers: Record<string, string> = {};
  raw.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return headers;
}
