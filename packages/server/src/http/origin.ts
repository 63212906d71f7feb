import { isLoopbackAddress } from "./host-allowlist.js";

function parse(origin: string): URL | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * True when a browser Origin may talk to the server (DNS-rebinding protection). No Origin (a
 * non-browser client) is allowed. With an allowlist, exact origins (scheme, host and port; `"*"`
 * any). Without one, only this server's own origin (`self`: the public URL's, or the one the request
 * came to), where a loopback name stands for any other loopback name on the same scheme and port.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  allowlist: readonly string[] | undefined,
  self?: string,
): boolean {
  if (origin === undefined) return true;
  if (allowlist) return allowlist.includes("*") || allowlist.includes(origin);
  const from = parse(origin);
  const own = self === undefined ? null : parse(self);
  if (!from || !own) return false;
  if (from.origin === own.origin) return true;
  return (
    isLoopbackAddress(from.hostname) &&
    isLoopbackAddress(own.hostname) &&
    from.protocol === own.protocol &&
    from.port === own.port
  );
}
