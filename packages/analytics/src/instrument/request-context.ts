import { isRecord } from "@toolwright/core/internal";

import type { SessionInput } from "../recorder/record-inputs.js";
import { callHeaders } from "../recorder/request-headers.js";

/**
 * Reads the session id, auth info, headers and `_meta` from a handler's second argument, which is
 * `extra` in SDK 1.x (`requestInfo.headers`, `authInfo`) and `ctx` in 2.x (`http.req`, `http.authInfo`).
 */
export function requestContext(extra: unknown, fallbackSessionId?: string): SessionInput {
  const context: SessionInput = {};
  if (fallbackSessionId !== undefined) context.fallbackSessionId = fallbackSessionId;
  if (!isRecord(extra)) return context;
  if (typeof extra.sessionId === "string" && extra.sessionId.length > 0) context.sessionId = extra.sessionId;
  const http = isRecord(extra.http) ? extra.http : undefined;
  const authInfo = extra.authInfo ?? http?.authInfo;
  if (authInfo !== undefined) context.authInfo = authInfo;
  const headers = headersOf(extra, http);
  if (headers !== undefined) context.headers = headers;
  const mcpRequest = isRecord(extra.mcpReq) ? extra.mcpReq : undefined;
  const meta = extra._meta ?? mcpRequest?._meta;
  if (meta !== undefined) context.meta = meta;
  if (isRecord(mcpRequest?.envelope)) readEnvelope(mcpRequest.envelope, context);
  return context;
}

/** Client name, version and protocol revision read from one request (e.g. its 2026-07-28 `_meta`). */
export interface RequestClientInfo {
  name?: string;
  version?: string;
  protocolVersion?: string;
}

/**
 * Reads client info a single request carries; `instrument` asks each reader in turn and the first
 * answer wins over what the connection's `initialize` said. Register one with `addClientInfoReader`.
 */
export type ClientInfoReader = (request: unknown, extra: unknown) => RequestClientInfo | undefined;

const clientInfoReaders: ClientInfoReader[] = [];

/** Adds a per-request client-info source (e.g. a protocol revision's `_meta` envelope). */
export function addClientInfoReader(reader: ClientInfoReader): void {
  if (!clientInfoReaders.includes(reader)) clientInfoReaders.push(reader);
}

/** Applies the first registered reader's answer to a request's context. */
export function applyClientInfoReaders(request: unknown, extra: unknown, context: SessionInput): void {
  for (const reader of clientInfoReaders) {
    const info = reader(request, extra);
    if (info === undefined) continue;
    if (info.name !== undefined) context.clientName = info.name;
    if (info.version !== undefined) context.clientVersion = info.version;
    if (info.protocolVersion !== undefined) context.protocolVersion = info.protocolVersion;
    return;
  }
}

// Revision 2026-07-28 has no initialize: each request carries the protocol version and client in `_meta`.
function readEnvelope(envelope: Record<string, unknown>, context: SessionInput): void {
  const version = envelope["io.modelcontextprotocol/protocolVersion"];
  if (typeof version === "string") context.protocolVersion = version;
  const client = envelope["io.modelcontextprotocol/clientInfo"];
  if (isRecord(client) && typeof client.name === "string") context.clientName = client.name;
  if (isRecord(client) && typeof client.version === "string") context.clientVersion = client.version;
}

function headersOf(extra: Record<string, unknown>, http: Record<string, unknown> | undefined) {
  const requestInfo = isRecord(extra.requestInfo) ? extra.requestInfo : undefined;
  const raw = requestInfo?.headers ?? (isRecord(http?.req) ? http.req.headers : undefined);
  if (raw === undefined || raw === null || typeof raw !== "object") return undefined;
  // WHATWG Headers (2.x) are read by name; Node's plain header objects (1.x) are entries.
  if (typeof (raw as Headers).get === "function" && typeof (raw as Headers).forEach === "function") {
    return callHeaders(raw as Headers);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    headers[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return headers;
}
