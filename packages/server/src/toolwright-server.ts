import { randomBytes } from "node:crypto";
import { parseScopes } from "@toolwright/core";
import type { CallerResolution } from "./callers/caller.js";
import { createCallerResolver } from "./callers/caller-resolver.js";
import { createOAuthTokenResolver, oauthTokenPredicate } from "./callers/oauth-token-resolver.js";
import { chainResolvers, refuseUnclaimed } from "./callers/resolver-chain.js";
import type { AdvertisedTool } from "./calls/advertised-tool.js";
import { callTool } from "./calls/call-tool.js";
import type { Logger, Runtime } from "./calls/runtime.js";
import type { Session } from "./calls/session.js";
import { createStderrLogger } from "./calls/stream-logger.js";
import type { ToolResult } from "./calls/tool-result.js";
import type { Catalog } from "./catalog/create-catalog.js";
import { COMPACT_TOOLS, callCompactTool } from "./compact/compact-tools.js";
import { createAdvertisedLists } from "./listing/advertised-lists.js";
import type { ListDeferral } from "./protocol/list-splice.js";
import { createMcpServer, type McpServer } from "./protocol/mcp-server.js";
import { serverError } from "./server-error.js";
import type { ToolwrightServerOptions } from "./server-options.js";
import { createMemoryStateStore } from "./state/memory-state-store.js";
import { stateReplayStore } from "./state/replay-store.js";
import type { ResolutionContext } from "./state/resolve-caller.js";
import { resolverWithState } from "./state/resolver-with-state.js";
import type { StateStore } from "./state/state-store.js";
import { storeRateLimiter } from "./state/store-rate-limiter.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./upstream/upstream-client.js";

/** A configured server: resolves callers and builds one MCP server per session. */
export interface ToolwrightServer {
  readonly catalog: Catalog;
  /** The OAuth resource-server settings, when OAuth access tokens are accepted. */
  readonly oauth: ToolwrightServerOptions["oauth"];
  /** Resolves a bearer key (undefined when none was sent) into a caller with scopes. */
  resolveCaller(key: string | undefined, context?: ResolutionContext): Promise<CallerResolution>;
  /** The state store replicas share (memory unless one was configured), e.g. for a list cache. */
  readonly state: StateStore;
  /** The tools a session sees in `tools/list` (shared between requests: do not modify). */
  listTools(session: Session): Promise<readonly AdvertisedTool[]>;
  /** Runs one `tools/call` for a session; never throws. */
  callTool(
    session: Session,
    name: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<ToolResult>;
  /**
   * A fresh SDK server bound to one session (instrumented by `options.instrument`). With a
   * `deferral`, its `tools/list` answers leave the list there for the HTTP transport to splice in.
   */
  createMcpServer(session: Session, deferral?: ListDeferral): McpServer;
}

const stderrLogger: Logger = createStderrLogger();

function upstreamOf(options: ToolwrightServerOptions): string {
  const upstream = options.upstream ?? options.catalog.upstream;
  if (!upstream) {
    throw serverError("invalid_config", "no upstream URL: pass `upstream` (the catalog names none)", {
      key: "upstream",
    });
  }
  try {
    return new URL(upstream).toString();
  } catch (cause) {
    throw serverError("invalid_config", `upstream '${upstream}' is not a URL`, {
      key: "upstream",
      cause,
    });
  }
}

function confirmationSecret(options: ToolwrightServerOptions, logger: Logger): string {
  const secret = options.confirmation?.secret;
  if (secret !== undefined) {
    if (Buffer.byteLength(secret) < 32) {
      throw serverError("invalid_config", "the confirmation secret must be at least 32 bytes", {
        key: "confirmation.secret",
      });
    }
    return secret;
  }
  if (options.catalog.tools.some((tool) => tool.guards.some((guard) => guard.type === "confirm"))) {
    logger.warn(
      "no confirmation secret configured: using a random one (tokens will not survive a restart or work across replicas)",
    );
  }
  return randomBytes(32).toString("base64url");
}

function createRuntime(options: ToolwrightServerOptions): Runtime {
  const logger = options.logger ?? stderrLogger;
  const upstream = upstreamOf(options);
  const state = options.state ?? createMemoryStateStore();
  return {
    catalog: options.catalog,
    upstream,
    appBaseUrl: options.appBaseUrl ?? upstream,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxResultBytes: options.maxResultBytes ?? 100_000,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    flags: options.flags,
    confirmation: {
      secret: confirmationSecret(options, logger),
      replay: options.confirmation?.replayStore ?? stateReplayStore(state),
    },
    state,
    rateLimiter: storeRateLimiter(state, {
      logger,
      ...(options.rateLimitFailureMode ? { failureMode: options.rateLimitFailureMode } : {}),
    }),
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

/** Builds the runtime behind every transport: catalog, caller resolution, listing and calls. */
export function createToolwrightServer(options: ToolwrightServerOptions): ToolwrightServer {
  const runtime = createRuntime(options);
  const resolveKey = createCallerResolver({
    upstream: runtime.upstream,
    ...(options.introspectionPath ? { introspectionPath: options.introspectionPath } : {}),
    ...(options.scopes ? { staticScopes: parseScopes(options.scopes) } : {}),
    // The state store caches callers (shared by replicas); this resolver only shares concurrent lookups.
    cacheTtlMs: 0,
    timeoutMs: runtime.timeoutMs,
    ...(runtime.fetch ? { fetch: runtime.fetch } : {}),
  });
  // API keys go through the shared caches and the per-client failure limit; OAuth tokens are validated
  // on every request (a revoked or expired token must stop working at once).
  const resolveKeyWithState = options.scopes ? resolveKey : resolverWithState(resolveKey, runtime, options);
  const { oauth } = options;
  const resolveCaller = oauth
    ? chainResolvers(
        [{ claims: oauthTokenPredicate(oauth), resolve: createOAuthTokenResolver(oauth, oauth.resource) }],
        oauth.acceptApiKeys === false ? refuseUnclaimed : resolveKeyWithState,
      )
    : resolveKeyWithState;
  const advertisedLists = createAdvertisedLists(runtime.catalog, runtime.flags, options.toolsListCache);
  const listTools = async (session: Session): Promise<readonly AdvertisedTool[]> => {
    if (session.view.mode === "compact") return COMPACT_TOOLS;
    return advertisedLists(session.caller.info, session.view);
  };
  const call = (
    session: Session,
    name: string,
    args: Record<string, unknown>,
    signal = new AbortController().signal,
  ) =>
    session.view.mode === "compact"
      ? callCompactTool(runtime, session, name, args, signal)
      : callTool(runtime, session, name, args, signal);
  return {
    catalog: runtime.catalog,
    state: runtime.state,
    oauth,
    resolveCaller,
    listTools,
    callTool: call,
    createMcpServer(session, deferral) {
      const server = createMcpServer(
        {
          name: options.name ?? "toolwright",
          version: options.version ?? "0.0.0",
          ...(options.instructions ? { instructions: options.instructions } : {}),
        },
        {
          listTools: () => listTools(session),
          callTool: (name, args, signal) => call(session, name, args, signal),
        },
        deferral,
      );
      options.instrument?.(server, { caller: session.caller.info, view: session.view });
      return server;
    },
  };
}
