import type { Identity } from "./identity.js";
import type { SessionState } from "./session-store.js";

/**
 * A record as queued on the request path: only references and cheap fields. Redaction,
 * identity, event properties and serialization all happen later, when the batch is sent.
 */
export interface PendingRecord {
  event: string;
  /** Milliseconds since the epoch, taken when the request was handled. */
  timestamp: number;
  session: SessionState | undefined;
  toolName: string | undefined;
  properties: Record<string, unknown>;
  /** An explicit distinct id (custom events); otherwise the session's identity is used. */
  distinctId: string | undefined;
  /** The caller as the server knew it on the request path; otherwise the session's `identify` result. */
  identity?: Identity | undefined;
  /** Raw request headers recorded verbatim: `User-Agent` and `x-anthropic-client`. */
  userAgent?: string | undefined;
  vendorClient?: string | undefined;
  /** An intent `intentFallback` is still inferring; recorded as `$mcp_intent` once settled. */
  pendingIntent?: Promise<string | null | undefined>;
  /** An `$exception`: sent without the tool call's own analytics properties. */
  exception?: boolean;
  /** The JSON-RPC request and the SDK's `extra` / `ctx`, kept only for an `eventProperties` function. */
  request?: unknown;
  extra?: unknown;
  /** Credentials of the request that produced the record, redacted as exact secrets from its event. */
  requestSecrets?: readonly string[];
}
