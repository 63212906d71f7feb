import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createHttpApp, type HttpAppOptions } from "./http-app.js";

/** Where the HTTP server listens. */
export interface ServeHttpOptions extends HttpAppOptions {
  /** Default 3333; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** A running HTTP server. */
export interface RunningHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3333/mcp`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the HTTP app on Node (`@hono/node-server`). */
export function serveHttp(options: ServeHttpOptions): Promise<RunningHttpServer> {
  const app = createHttpApp(options);
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port ?? 3333, hostname: host },
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
    server.once("error", reject);
  });
}
