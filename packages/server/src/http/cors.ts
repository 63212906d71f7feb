import type { MiddlewareHandler } from "hono";

/** Request headers a browser MCP client sends: auth, the protocol's own, and the view narrowing. */
const ALLOWED_REQUEST_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  "last-event-id",
  "mcp-protocol-version",
  "mcp-session-id",
  "mcp-method",
  "mcp-name",
  "x-toolwright-features",
  "x-toolwright-tools",
  "x-toolwright-readonly",
  "x-toolwright-mode",
].join(", ");

/** Response headers a browser client must read: the auth challenge and the protocol's own. */
const EXPOSED_HEADERS = "WWW-Authenticate, MCP-Protocol-Version, Mcp-Session-Id";

function isCorsPath(path: string): boolean {
  return path === "/mcp" || path.startsWith("/.well-known/oauth-protected-resource");
}

/**
 * CORS for the origins listed in `allowedOrigins` (`"*"`: any), on `/mcp` and the protected-resource
 * metadata: preflights are answered, responses carry `Access-Control-Allow-Origin` for that origin
 * and expose the challenge and protocol headers. Other origins get no CORS header at all, so a
 * browser refuses them; with no list, no origin gets one (loopback pages may still be checked by
 * Origin, but are not granted cross-origin reads).
 */
export function corsMiddleware(allowedOrigins: readonly string[] | undefined): MiddlewareHandler {
  const allows = (origin: string) =>
    allowedOrigins !== undefined && (allowedOrigins.includes("*") || allowedOrigins.includes(origin));
  return async (context, next) => {
    const origin = context.req.header("origin");
    if (!isCorsPath(context.req.path) || origin === undefined) return next();
    const preflight =
      context.req.method === "OPTIONS" && context.req.header("access-control-request-method") !== undefined;
    if (!allows(origin)) {
      if (preflight) return new Response(null, { status: 403, headers: { vary: "Origin" } });
      return next();
    }
    if (preflight) {
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": origin,
          "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
          "access-control-allow-headers": ALLOWED_REQUEST_HEADERS,
          "access-control-max-age": "600",
          vary: "Origin",
        },
      });
    }
    await next();
    context.res.headers.set("access-control-allow-origin", origin);
    context.res.headers.set("access-control-expose-headers", EXPOSED_HEADERS);
    context.res.headers.append("vary", "Origin");
  };
}
