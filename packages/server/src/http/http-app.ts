import type { Context } from "hono";
import { Hono } from "hono";
import { protectedResourceMetadata } from "../auth/protected-resource-metadata.js";
import {
  type AuthContext,
  credentialRefusal,
  insufficientScope,
  queryTokenRefusal,
} from "../auth/refusals.js";
import { stepUpScopes } from "../auth/step-up.js";
import type { Session } from "../calls/session.js";
import { createStderrLogger } from "../calls/stream-logger.js";
import { createStatelessHandler, type StatelessMcpHandler } from "../protocol/http-transport.js";
import type { ToolwrightServerOptions } from "../server-options.js";
import { createToolwrightServer, type ToolwrightServer } from "../toolwright-server.js";
import { viewFromRequest } from "../visibility/tool-view.js";
import { clientAddress } from "./client-address.js";
import { corsMiddleware } from "./cors.js";
import { createErrorHandler } from "./error-handler.js";
import { createHostCheck } from "./host-allowlist.js";
import { isAllowedOrigin } from "./origin.js";
import { readLimitedBody } from "./read-body.js";

/** HTTP-only options on top of the shared ones. */
export interface HttpAppOptions extends ToolwrightServerOptions {
  /** Browser origins allowed to call `/mcp`; default loopback origins only. `"*"` allows any. */
  allowedOrigins?: readonly string[];
  /** Largest accepted request body; default 1 MB. */
  maxBodyBytes?: number;
  /**
   * Public base URL of this server (for protected-resource metadata and challenges); default the
   * request's origin, once its Host has passed the Host allowlist.
   */
  publicUrl?: string;
  /**
   * `Host` headers answered (`name` or `name:port`; `"*"` any); default the public URL's host, or
   * loopback names without one (`serveHttp` bound to loopback answers both). Others get 421 before
   * anything reads the request.
   */
  allowedHosts?: readonly string[];
  /** Authorization servers to name in protected-resource metadata. */
  authorizationServers?: readonly string[];
  /**
   * Behind a load balancer: the header it sets with the client's address (e.g. `x-forwarded-for`);
   * its last entry is used for limits per client. Default: the socket's address.
   */
  clientAddressHeader?: string;
  /** Reuse an already created runtime instead of building one from the options. */
  server?: ToolwrightServer;
}

const METADATA_PATH = "/.well-known/oauth-protected-resource";

function jsonRpcError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status, headers });
}

function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1]?.trim() || undefined;
}

/** This server's base URL; the request's origin is only used after the Host check passed. */
function baseUrlOf(options: HttpAppOptions, request: Context | URL): string {
  const origin = () => (request instanceof URL ? request : new URL(request.req.url)).origin;
  return (options.publicUrl ?? origin()).replace(/\/+$/, "");
}

/** The resource URI the auth answers name: the configured OAuth resource, else `<public URL>/mcp`. */
function authContext(
  toolwright: ToolwrightServer,
  options: HttpAppOptions,
  request: Context | URL,
): AuthContext {
  const resource = toolwright.oauth?.resource ?? `${baseUrlOf(options, request)}/mcp`;
  return { resource, catalog: toolwright.catalog, oauth: toolwright.oauth };
}

/**
 * 413 for an oversized body. When the rest of the body was left unread, the connection cannot carry
 * another request, so the response says `Connection: close` (Node then ends the socket once the
 * response is written) instead of promising a keep-alive it cannot keep.
 */
function tooLarge(maxBodyBytes: number, drained: boolean): Response {
  const headers: Record<string, string> = drained ? {} : { connection: "close" };
  return jsonRpcError(413, -32000, `Request body larger than ${maxBodyBytes} bytes.`, headers);
}

/** True when the request announces a body (which a refusal leaves unread). */
function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  return (length !== null && length !== "0") || request.headers.has("transfer-encoding");
}

/**
 * One MCP POST: caller (from the headers alone, so an unauthenticated client never gets to hold a
 * body open), body limit, JSON, then a fresh server for this request alone.
 */
async function handleMcpPost(
  toolwright: ToolwrightServer,
  options: HttpAppOptions,
  context: Context,
  handle: StatelessMcpHandler<Session>,
) {
  const url = new URL(context.req.url);
  const auth = authContext(toolwright, options, url);
  const inUrl = queryTokenRefusal(auth, url);
  if (inUrl) return inUrl;
  const resolution = await toolwright.resolveCaller(bearerKey(context.req.header("authorization")), {
    client: clientAddress(context, options.clientAddressHeader),
  });
  if (!resolution.ok) {
    const refused = credentialRefusal(auth, resolution);
    // The body stays unread, so the connection cannot carry another request.
    if (hasBody(context.req.raw)) refused.headers.set("connection", "close");
    return refused;
  }
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const body = await readLimitedBody(context.req.raw, maxBodyBytes);
  if (!body.ok) return tooLarge(maxBodyBytes, body.drained);
  let message: unknown;
  try {
    message = JSON.parse(body.text);
  } catch {
    return jsonRpcError(400, -32700, "Parse error: the request body is not valid JSON.");
  }
  const session: Session = {
    caller: resolution.caller,
    view: viewFromRequest(url, context.req.raw.headers, options.view),
  };
  const stepUp = stepUpScopes(toolwright.catalog, resolution.caller, message, session.view.mode);
  if (stepUp) return insufficientScope(auth, stepUp);
  return handle(context.req.raw, session, message);
}

/**
 * The HTTP face of the server (Hono): Streamable HTTP at `/mcp` in stateless mode, with Origin
 * checks, a body limit and bearer-key auth; RFC 9728 metadata; `/healthz`.
 */
export function createHttpApp(options: HttpAppOptions): Hono {
  const toolwright = options.server ?? createToolwrightServer(options);
  const app = new Hono();
  app.onError(createErrorHandler(options.logger ?? createStderrLogger()));
  const hostAllowed = createHostCheck(options);
  app.use("*", async (context, next) => {
    // /healthz builds no URL and is what container health checks call by address.
    if (context.req.path === "/healthz" || hostAllowed(context.req.header("host"))) return next();
    return jsonRpcError(421, -32000, "Misdirected request: this server does not answer for that Host.", {
      connection: "close",
    });
  });
  app.use("*", corsMiddleware(options.allowedOrigins));
  app.get("/healthz", (context) => context.json({ status: "ok", tools: toolwright.catalog.tools.length }));
  const metadata = (context: Context) =>
    context.json(
      protectedResourceMetadata({
        resource: authContext(toolwright, options, context).resource,
        catalog: toolwright.catalog,
        oauth: toolwright.oauth,
        authorizationServers: options.authorizationServers,
        name: options.name,
      }),
    );
  app.get(METADATA_PATH, metadata);
  app.get(`${METADATA_PATH}/mcp`, metadata);
  app.use("/mcp", async (context, next) => {
    const self = baseUrlOf(options, context);
    if (!isAllowedOrigin(context.req.header("origin"), options.allowedOrigins, self)) {
      return jsonRpcError(403, -32000, "Forbidden: this Origin is not allowed to use the MCP server.");
    }
    return next();
  });
  app.on(["GET", "DELETE"], "/mcp", () =>
    jsonRpcError(405, -32000, "Method not allowed: this server is stateless; use POST.", { allow: "POST" }),
  );
  const handle = createStatelessHandler((session: Session, deferral) =>
    toolwright.createMcpServer(session, deferral),
  );
  app.post("/mcp", (context) => handleMcpPost(toolwright, options, context, handle));
  return app;
}
