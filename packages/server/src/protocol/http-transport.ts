import { createMcpHandler, isLegacyRequest } from "@modelcontextprotocol/server";
import { isRecord } from "@toolwright/core/internal";

import { answerDirectCall, directCallOf } from "./direct-call.js";
import { handleLegacyRequest } from "./legacy-http.js";
import { type ListDeferral, spliceToolsList } from "./list-splice.js";
import type { McpServer } from "./mcp-server.js";

function isToolsList(message: unknown): boolean {
  return isRecord(message) && message.method === "tools/list" && message.id !== undefined;
}

/** Serves one already read and parsed MCP POST for a session the caller has resolved. */
export type StatelessMcpHandler<Session> = (
  request: Request,
  session: Session,
  parsedBody: unknown,
) => Promise<Response>;

export interface StatelessHandlerOptions {
  /**
   * Answer a lone 2025-era `tools/call` by calling the server's handler directly (see
   * direct-call.ts); default true. Off, every request goes through the SDK's transport: the
   * tests compare the two answers.
   */
  directCalls?: boolean;
}

/**
 * Streamable HTTP on one endpoint for every revision, each request with its own server (from
 * `serverFor`) so callers never share state. 2026-07-28 goes through the SDK's `createMcpHandler`
 * (per-request `_meta` validated, `server/discover`, `MCP-Protocol-Version` / `Mcp-Method` /
 * `Mcp-Name` checked against the body); 2025-era requests (after `initialize`) through the
 * stateless transport, with JSON answers as before, except a plain lone `tools/call`, which goes
 * straight to the server's handler (direct-call.ts) and gets the same answer.
 */
export function createStatelessHandler<Session extends object>(
  serverFor: (session: Session, deferral: ListDeferral | undefined) => McpServer,
  options: StatelessHandlerOptions = {},
): StatelessMcpHandler<Session> {
  // The SDK hands its factory the request object it was given, which is how a session reaches it.
  const sessions = new WeakMap<Request, { session: Session; deferral: ListDeferral | undefined }>();
  const serverOf = (request: Request | undefined): McpServer => {
    const prepared = request ? sessions.get(request) : undefined;
    if (!prepared) throw new Error("MCP request reached the SDK handler without a prepared session");
    return serverFor(prepared.session, prepared.deferral);
  };
  const modern = createMcpHandler(({ requestInfo }) => serverOf(requestInfo), {
    legacy: "reject",
    // Tools never send messages before their result, so every answer is one JSON body.
    responseMode: "auto",
  });
  return async (request, session, parsedBody) => {
    // A plain 2025-era tools/call (no `_meta` claim, a 2025 version header) is one the SDK classifies
    // as legacy every time, so it skips the classification as well as the transport.
    const call = options.directCalls === false ? undefined : directCallOf(request, parsedBody);
    if (call) return answerDirectCall(serverFor(session, undefined), request, call);
    // Only a lone tools/list answer is spliced: nothing else in the body can be mistaken for its list.
    const deferral: ListDeferral | undefined = isToolsList(parsedBody) ? {} : undefined;
    sessions.set(request, { session, deferral });
    const response = (await isLegacyRequest(request, parsedBody))
      ? await handleLegacyRequest(serverOf(request), request, parsedBody)
      : await modern.fetch(request, { parsedBody });
    return deferral?.tools ? spliceToolsList(response, deferral.tools) : response;
  };
}
