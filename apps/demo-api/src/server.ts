import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApiTokenVerifier, type TokenVerifier } from "./auth/api-token-verifier.js";
import { authOptionsFromEnvironment } from "./auth/auth-config.js";
import {
  type AuthorizationServerOptions,
  type RunningAuthorizationServer,
  startAuthorizationServer,
} from "./auth/authorization-server.js";
import { dbPathFromEnvironment, portFromEnvironment } from "./config.js";
import { openDatabase } from "./db/database.js";
import { createApp } from "./http/create-app.js";
import { isLoopbackAddress } from "./http/host-check.js";
import { createOpenApiDocument } from "./openapi/openapi-document.js";
import { ROUTES } from "./routes/all-routes.js";
import { findKey } from "./services/keys.js";

/** Where and how to start the demo API; each option falls back to its env var, then its default. */
export interface DemoApiOptions {
  /** Port (0 picks a free one); env `DEMO_API_PORT`, default 4010. */
  port?: number;
  /** SQLite file; env `DEMO_API_DB`, default `<repo>/.data/demo.db`. */
  dbPath?: string;
  /** Interface to bind; default 127.0.0.1. Any other address needs `publicUrl`. */
  host?: string;
  /** Public base URL (links are built from it, only its Host is answered); env `DEMO_API_PUBLIC_URL`. */
  publicUrl?: string;
  /**
   * The OAuth authorization server started beside the API (`false`: API keys only). Its port defaults to
   * `DEMO_AUTH_PORT` or 4011, or a free one when the API's port is 0.
   */
  auth?: false | Partial<Omit<AuthorizationServerOptions, "apiResource">>;
}

/** A running demo API. */
export interface RunningDemoApi {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  dbPath: string;
  /** The demo authorization server, unless turned off. */
  auth: RunningAuthorizationServer | null;
  /** Stops accepting connections and closes the database. */
  close(): Promise<void>;
}

/** Opens (migrating and, when fresh, seeding) the database and serves the API. */
export async function startDemoApi(options: DemoApiOptions = {}): Promise<RunningDemoApi> {
  const host = options.host ?? "127.0.0.1";
  const publicUrl = options.publicUrl ?? (process.env.DEMO_API_PUBLIC_URL || undefined);
  if (!isLoopbackAddress(host) && !publicUrl) {
    throw new Error(
      `binding the demo API to ${host} needs its public URL: set DEMO_API_PUBLIC_URL (or publicUrl), e.g. https://api.example.com`,
    );
  }
  const dbPath = options.dbPath ?? dbPathFromEnvironment();
  const db = openDatabase(dbPath);
  let document: unknown;
  let verifier: TokenVerifier | null = null;
  const app = createApp(
    db,
    ROUTES,
    () => {
      document ??= createOpenApiDocument(ROUTES);
      return document;
    },
    { ...(publicUrl ? { publicUrl } : {}), boundToLoopback: isLoopbackAddress(host) },
    () => verifier,
  );
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const started = serve(
        { fetch: app.fetch, hostname: host, port: options.port ?? portFromEnvironment() },
        (info: AddressInfo) => resolve({ server: started, port: info.port }),
      );
      started.once("error", reject);
    },
  ).catch((error: unknown) => {
    db.close();
    throw error;
  });
  const url = `http://${host}:${port}`;
  const auth =
    options.auth === false
      ? null
      : await startAuthorizationServer({
          ...authOptionsFromEnvironment(options.port === 0),
          projectName: (id) =>
            (db.prepare("SELECT name FROM projects WHERE id = ?").get(id) as { name: string } | undefined)
              ?.name ?? null,
          registeringKey: (secret) => findKey(db, secret),
          ...options.auth,
          apiResource: url,
        }).catch(async (error: unknown) => {
          await new Promise((resolve) => server.close(resolve));
          db.close();
          throw error;
        });
  if (auth)
    verifier = createApiTokenVerifier({ issuer: auth.issuer, publicKeys: auth.publicKeys, audience: url });
  return {
    url,
    port,
    dbPath,
    auth,
    close: async () => {
      await auth?.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          db.close();
          if (error) reject(error);
          else resolve();
        });
        // Keep-alive connections would hold close() open; the demo has nothing in flight worth waiting for.
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    },
  };
}
