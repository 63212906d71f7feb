import type { Context } from "hono";

/**
 * The client's address as the socket saw it (`@hono/node-server` puts the Node request in `env`).
 * Behind a load balancer this is the balancer's address; limits per client then count the balancer.
 */
export function clientAddress(context: Context): string | undefined {
  const incoming = (context.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress;
}
