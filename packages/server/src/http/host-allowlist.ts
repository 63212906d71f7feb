/** Host names that always mean this machine. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];
const LOOPBACK_NAMES = new Set(LOOPBACK_HOST_NAMES);

/** True for an address a server binds to that only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/** The hostname of a `Host` header value (`example.com:8443` → `example.com`), lowercased. */
function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Which `Host` headers the server answers (DNS-rebinding protection, and the guarantee that no URL it
 * builds points at a name an attacker chose). With `allowedHosts`, exactly those (`name` or
 * `name:port`; `"*"` any). Else the public URL's host when there is one, or loopback names (any port)
 * when the server is reached on this machine only.
 */
export function createHostCheck(options: {
  publicUrl?: string | undefined;
  allowedHosts?: readonly string[] | undefined;
}): (host: string | undefined) => boolean {
  if (options.allowedHosts?.includes("*")) return () => true;
  const exact = new Set(
    (options.allowedHosts ?? (options.publicUrl ? [new URL(options.publicUrl).host] : [])).map((host) =>
      host.toLowerCase(),
    ),
  );
  const loopback = exact.size === 0;
  return (host) => {
    if (!host) return false;
    const lowered = host.toLowerCase();
    // Only name, IPv4, [IPv6] and port characters: nothing a URL parser could read as userinfo or a path.
    if (!/^[a-z0-9.\-:[\]]+$/.test(lowered)) return false;
    if (exact.has(lowered)) return true;
    const name = hostnameOf(lowered);
    if (name === null) return false;
    return loopback ? LOOPBACK_NAMES.has(name) : exact.has(name);
  };
}
