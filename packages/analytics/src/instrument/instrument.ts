import { analyticsError } from "../analytics-error.js";
import { type IdentifyResult, toIdentity } from "../recorder/identity.js";
import type { AnalyticsOptions } from "../recorder/options.js";
import { type AnalyticsHandle, Recorder } from "../recorder/recorder.js";
import { resolveServerTarget } from "./server-target.js";
import { wrapHandlerMap } from "./wrap-handlers.js";

const INSTRUMENTED = Symbol.for("toolwright.analytics.instrumented");

/** Per-server settings of `instrument`. */
export interface InstrumentOptions {
  /**
   * The caller of every request this server instance answers, when the server resolved it before
   * building the instance (one instance per HTTP request): `{ distinctId, properties?, groups? }`.
   */
  identity?: IdentifyResult;
}

/**
 * Records every initialize, tools/list and tools/call of an MCP server as `$mcp_*` events.
 * Works with `McpServer` and `Server` of `@modelcontextprotocol/sdk` 1.x and of
 * `@modelcontextprotocol/server` 2.x, including tools registered after this call. Pass a
 * `Recorder` instead of options to share one across server instances (one per HTTP request).
 */
export function instrument(
  server: object,
  options: AnalyticsOptions | Recorder,
  settings: InstrumentOptions = {},
): AnalyticsHandle {
  const target = resolveServerTarget(server);
  const protocol = target.protocol as unknown as Record<symbol, unknown>;
  if (protocol[INSTRUMENTED]) {
    throw analyticsError(
      "invalid_config",
      "This MCP server is already instrumented; call instrument() once per server.",
    );
  }
  const recorder = options instanceof Recorder ? options : new Recorder(options);
  wrapHandlerMap(recorder, target, toIdentity(settings.identity) ?? undefined);
  Object.defineProperty(protocol, INSTRUMENTED, { value: true });
  return recorder;
}
