import type { Context } from "hono";

/**
 * The client's address: the socket's remote address (`@hono/node-server` puts the Node request in
 * `env`), or, behind a trusted load balancer, the last entry of `header` (e.g. `x-forwarded-for`),
 * which is the one the balancer itself appended; earlier entries come from the client and prove nothing.
 */
export function clientAddress(context: Context, header?: string): string | undefined {
  if (header) {
    const forwarded = context.req.header(header)?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (context.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress;
}
