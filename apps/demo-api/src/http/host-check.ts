const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True for a bind address only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  return /^(?:localhost|::1|\[::1\]|127(?:\.\d{1,3}){3})$/i.test(address);
}

function hostnameOf(host: string): string | null {
  if (!/^[a-z0-9.\-:[\]]+$/.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/**
 * Which `Host` headers the API answers, so that no link it builds (a list page's `next`) points at a
 * name the client chose: the public URL's host, and loopback names on any port when bound to loopback.
 */
export function createHostCheck(
  publicUrl: string | undefined,
  boundToLoopback = true,
): (host: string | undefined) => boolean {
  const publicHost = publicUrl ? new URL(publicUrl) : null;
  return (header) => {
    const host = header?.toLowerCase();
    if (!host) return false;
    const name = hostnameOf(host);
    if (publicHost && (host === publicHost.host || name === publicHost.hostname)) return true;
    return boundToLoopback && name !== null && LOOPBACK_NAMES.has(name);
  };
}

/** The URL a route sees: the request's path and query on the public base URL when there is one. */
export function publicRequestUrl(requestUrl: string, publicUrl: string | undefined): URL {
  const url = new URL(requestUrl);
  return publicUrl ? new URL(`${url.pathname}${url.search}`, publicUrl) : url;
}
