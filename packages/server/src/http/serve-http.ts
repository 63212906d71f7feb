import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { serverError } from "../server-error.js";
import { isLoopbackAddress, LOOPBACK_HOST_NAMES } from "./host-allowlist.js";
import { createHttpApp, type HttpAppOptions } from "./http-app.js";
import { applyHttpLimits, type HttpLimits, httpServerOptions, resolveHttpLimits } from "./limits.js";

/** Where the HTTP server listens. */
export interface ServeHttpOptions extends HttpAppOptions {
  /** Default 3333; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Any other address needs `publicUrl` (or `allowedHosts`). */
  host?: string;
  /** Timeouts and the per-client connection cap (see `HttpLimits` for the defaults). */
  limits?: HttpLimits;
}

/** A running HTTP server. */
export interface RunningHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3333/mcp`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Off loopback, the Host header is the client's word: the public URL is what links are built from. */
function checkPublicUrl(options: ServeHttpOptions, host: string): void {
  if (isLoopbackAddress(host) || options.publicUrl || options.allowedHosts) return;
  throw serverError(
    "invalid_config",
    `binding to ${host} (reachable from other machines) needs the public URL clients use: set publicUrl (TOOLWRIGHT_PUBLIC_URL, --public-url), e.g. https://mcp.example.com`,
    { key: "publicUrl" },
  );
}

/**
 * Bound to loopback with a public URL (behind a local proxy), both loopback names and the public
 * host are this server; URLs are still built from the public URL alone.
 */
function defaultAllowedHosts(
  options: ServeHttpOptions,
  host: string,
): Pick<ServeHttpOptions, "allowedHosts"> {
  if (options.allowedHosts || !options.publicUrl || !isLoopbackAddress(host)) return {};
  return { allowedHosts: [...LOOPBACK_HOST_NAMES, new URL(options.publicUrl).host] };
}

/** Starts the HTTP app on Node (`@hono/node-server`). */
export async function serveHttp(options: ServeHttpOptions): Promise<RunningHttpServer> {
  const host = options.host ?? "127.0.0.1";
  checkPublicUrl(options, host);
  const limits = resolveHttpLimits(options.limits);
  const app = createHttpApp({ ...options, ...defaultAllowedHosts(options, host) });
  return new Promise<RunningHttpServer>((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port ?? 3333,
        hostname: host,
        serverOptions: httpServerOptions(limits),
      },
      (info: AddressInfo) => {
        const shownHost = host.includes(":") ? `[${host}]` : host;
        resolve({
          url: `http://${shownHost}:${info.port}/mcp`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Idle keep-alive sockets would otherwise hold close() open.
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    applyHttpLimits(server as Server, limits);
    server.once("error", reject);
  });
}
