import { createMemoryRateLimiter } from "@toolwright/core";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { TokenVerifier } from "../auth/api-token-verifier.js";
import type { Database } from "../db/sqlite.js";
import type { AnyRoute, RouteContext } from "../routes/route.js";
import { ApiError } from "./api-error.js";
import { authenticate, requireScopes } from "./authenticate.js";
import { createInternalCall, enforceGuards } from "./enforce-guards.js";
import { createHostCheck, publicRequestUrl } from "./host-check.js";
import { parseInput, parseJsonBody } from "./parse-input.js";

/** `/api/workflows/{id}` → `/api/workflows/:id` (Hono's syntax). */
function honoPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ":$1");
}

function lastValues(queries: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(queries).map(([key, values]) => [key, values.at(-1) ?? ""] as [string, string]),
  );
}

function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof ApiError) {
    return Response.json(error.toJSON(), { status: error.status, headers: error.headers });
  }
  // A client that went away mid-request (an aborted upload) is nobody's error: no log, no trace.
  if (request.signal.aborted) return new Response(null, { status: 499 });
  // Never a stack trace to a client; the server log keeps the cause.
  console.error(error);
  return Response.json(
    { error: "internal_error", message: "The server failed to handle the request." },
    { status: 500 },
  );
}

/** How the app is reached. */
export interface AppOptions {
  /** The API's public base URL; links are built from it and its Host is answered. Default: loopback. */
  publicUrl?: string;
  /** Whether the API is bound to loopback (then loopback Host names are answered too); default true. */
  boundToLoopback?: boolean;
}

/** Builds the Hono app: every route of the table behind auth, scopes, validation, 404 loads and guards. */
export function createApp(
  db: Database,
  routes: readonly AnyRoute[],
  openApiDocument: () => unknown,
  options: AppOptions = {},
  /** The OAuth access-token check, once the authorization server runs (null: API keys only). */
  tokenVerifier: () => TokenVerifier | null = () => null,
): Hono {
  const app = new Hono();
  const internalCall = createInternalCall(routes);
  // One process serves the demo API, so its rate-limit counters live in its memory.
  const rateLimiter = createMemoryRateLimiter();
  const hostAllowed = createHostCheck(options.publicUrl, options.boundToLoopback ?? true);
  app.use("*", async (c, next) => {
    if (hostAllowed(c.req.header("host"))) return next();
    return c.json({ error: "misdirected_request", message: "This API does not answer for that Host." }, 421, {
      connection: "close",
    });
  });
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  for (const route of routes) {
    app.on(route.method, honoPath(route.path), async (c) => {
      const caller = await authenticate(db, c.req.header("authorization"), tokenVerifier());
      requireScopes(caller, route.scopes, route.operationId);
      const body = route.body ? parseJsonBody(await c.req.text()) : undefined;
      const input = parseInput(route, { params: c.req.param(), query: lastValues(c.req.queries()), body });
      const context: RouteContext = { db, caller, url: publicRequestUrl(c.req.url, options.publicUrl) };
      route.load?.(context, input);
      await enforceGuards(route, context, input, internalCall, rateLimiter);
      const result = route.handler(context, input);
      if (route.status === 204 || !route.response) return c.body(null, 204);
      return c.json(route.response.parse(result) as object, route.status as ContentfulStatusCode);
    });
  }
  app.notFound((c) =>
    c.json(
      { error: "not_found", message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.` },
      404,
    ),
  );
  app.onError((error, c) => errorResponse(error, c.req.raw));
  return app;
}
