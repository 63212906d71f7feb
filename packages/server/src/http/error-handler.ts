import type { Context } from "hono";
import type { Logger } from "../calls/runtime.js";

const CLIENT_GONE_CODES = new Set(["ECONNRESET", "ECONNABORTED", "EPIPE", "ERR_STREAM_PREMATURE_CLOSE"]);

/** True when an error only says that the client went away (an aborted upload, a closed socket). */
function isClientGone(error: unknown, request?: Request): boolean {
  if (request?.signal.aborted) return true;
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && CLIENT_GONE_CODES.has(code)) return true;
    if (message === "aborted") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The HTTP app's error handler: a client that went away is one debug line (nobody is left to answer);
 * anything else is logged as one line (message only, secrets redacted by the logger) and answered
 * with a JSON-RPC internal error. Never a stack trace, on the wire or in the log.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, context: Context): Response => {
    const path = new URL(context.req.url).pathname;
    if (isClientGone(error, context.req.raw)) {
      logger.debug?.(`${context.req.method} ${path}: the client went away before the request was read`);
      return new Response(null, { status: 499 });
    }
    logger.error(`${context.req.method} ${path} failed unexpectedly`, error);
    return Response.json(
      { jsonrpc: "2.0", error: { code: -32603, message: "Internal error in the MCP server." }, id: null },
      { status: 500 },
    );
  };
}
