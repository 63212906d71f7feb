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
import { handleStatelessRequest } from "../protocol/http-transport.js";
import type { ToolwrightServerOptions } from "../server-options.js";
import { createToolwrightServer, type ToolwrightServer } from "../toolwright-server.js";
import { viewFromRequest } from "../visibility/tool-view.js";
import { isAllowedOrigin } from "./origin.js";
import { readLimitedBody } from "./read-body.js";

/** HTTP-only options on top of the shared ones. */
export interface HttpAppOptions extends ToolwrightServerOptions {
  /** Browser origins allowed to call `/mcp`; default loopback origins only. `"*"` allows any. */
  allowedOrigins?: readonly string[];
  /** Largest accepted request body; default 1 MB. */
  maxBodyBytes?: number;
  /** Public base URL of this server (for protected-resource metadata); default the request's origin. */
  publicUrl?: string;
  /** Authorization servers to name in protected-resource metadata. */
  authorizationServers?: readonly string[];
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

function baseUrlOf(options: HttpAppOptions, context: Context): string {
  return (options.publicUrl ?? new URL(context.req.url).origin).replace(/\/+$/, "");
}

/** The resource URI the auth answers name: the configured OAuth resource, else `<public URL>/mcp`. */
function authContext(toolwright: ToolwrightServer, options: HttpAppOptions, context: Context): AuthContext {
  const resource = toolwright.oauth?.resource ?? `${baseUrlOf(options, context)}/mcp`;
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

/** One MCP POST: body limit, caller, JSON, then a fresh server for this request alone. */
async function handleMcpPost(toolwright: ToolwrightServer, options: HttpAppOptions, context: Context) {
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const auth = authContext(toolwright, options, context);
  const inUrl = queryTokenRefusal(auth, new URL(context.req.url));
  if (inUrl) return inUrl;
  const body = await readLimitedBody(context.req.raw, maxBodyBytes);
  if (!body.ok) return tooLarge(maxBodyBytes, body.drained);
  const resolution = await toolwright.resolveCaller(bearerKey(context.req.header("authorization")));
  if (!resolution.ok) return credentialRefusal(auth, resolution);
  let message: unknown;
  try {
    message = JSON.parse(body.text);
  } catch {
    return jsonRpcError(400, -32700, "Parse error: the request body is not valid JSON.");
  }
  const stepUp = stepUpScopes(toolwright.catalog, resolution.caller, message);
  if (stepUp) return insufficientScope(auth, stepUp);
  const session: Session = {
    caller: resolution.caller,
    view: viewFromRequest(new URL(context.req.url), context.req.raw.headers, options.view),
  };
  return handleStatelessRequest(toolwright.createMcpServer(session), context.req.raw, message);
}

/**
 * The HTTP face of the server (Hono): Streamable HTTP at `/mcp` in stateless mode, with Origin
 * checks, a body limit and bearer-key auth; RFC 9728 metadata; `/healthz`.
 */
export function createHttpApp(options: HttpAppOptions): Hono {
  const toolwright = options.server ?? createToolwrightServer(options);
  const app = new Hono();
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
    if (!isAllowedOrigin(context.req.header("origin"), options.allowedOrigins)) {
      return jsonRpcError(403, -32000, "Forbidden: this Origin is not allowed to use the MCP server.");
    }
    return next();
  });
  app.on(["GET", "DELETE"], "/mcp", () =>
    jsonRpcError(405, -32000, "Method not allowed: this server is stateless; use POST.", { allow: "POST" }),
  );
  app.post("/mcp", (context) => handleMcpPost(toolwright, options, context));
  return app;
}
