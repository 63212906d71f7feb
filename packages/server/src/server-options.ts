import type { ReplayStore } from "@toolwright/core";
import type { OAuthResourceServerOptions } from "./auth/oauth-options.js";
import type { AdvertisedTool } from "./calls/advertised-tool.js";
import type { Logger } from "./calls/runtime.js";
import type { Catalog } from "./catalog/create-catalog.js";
import type { CallerInfo } from "./catalog/tool-context.js";
import type { ListCache } from "./listing/list-cache.js";
import type { McpServer } from "./protocol/mcp-server.js";
import type { StateStore } from "./state/state-store.js";
import type { RateLimitFailureMode } from "./state/store-rate-limiter.js";
import type { FlagProvider } from "./visibility/flag-provider.js";
import type { ToolView } from "./visibility/tool-view.js";

/** Options shared by every transport. */
export interface ToolwrightServerOptions {
  catalog: Catalog;
  /** Upstream base URL; default the catalog's `upstream`. */
  upstream?: string;
  /** Path of the key introspection endpoint on the upstream; default `/api/keys/@current`. */
  introspectionPath?: string;
  /** Fixed scopes for every caller (upstreams without introspection); a key becomes optional. */
  scopes?: readonly string[];
  /** Accept OAuth 2.1 access tokens (the server becomes a resource server), beside API keys unless turned off. */
  oauth?: OAuthResourceServerOptions;
  /** How long a key's resolved scopes are cached; default 30 000 ms. */
  callerCacheTtlMs?: number;
  /** How long a key the upstream called invalid is refused without asking again; default 60 000 ms. */
  invalidKeyCacheTtlMs?: number;
  /** Failed authentications per client address before its unknown keys are refused; default 20 per 60 s. */
  authFailureLimit?: { limit?: number; windowMs?: number } | false;
  /**
   * What replicas share: the confirmation replay set, caller and invalid-key caches, rate-limit
   * counters. Default: this process's memory. Use `createRedisStateStore` for several replicas.
   */
  state?: StateStore;
  /** When the state store cannot be reached, rate limits refuse calls (`closed`, default) or let them through (`open`). */
  rateLimitFailureMode?: RateLimitFailureMode;
  /** Upstream timeout per request; default 10 000 ms. */
  timeoutMs?: number;
  /** Largest upstream answer read (streamed; a larger one ends the call with a clear error); default 5 MB. */
  maxResponseBytes?: number;
  /** Cap on a result's text; default 100 KB. */
  maxResultBytes?: number;
  /** Base URL of the product's web app for `enrich_url` links; default the upstream. */
  appBaseUrl?: string;
  flags?: FlagProvider;
  /** Confirmation tokens: HMAC secret (>= 32 bytes) and a replay store shared by replicas. */
  confirmation?: { secret?: string; replayStore?: ReplayStore };
  /** Where advertised `tools/list` answers are kept per scope set, view and flag values; default in-process (1 000 lists). */
  toolsListCache?: ListCache<readonly AdvertisedTool[]>;
  /** Default view (narrowing and mode) when a request does not set its own. */
  view?: Partial<ToolView>;
  /** Name and version reported in `initialize`. */
  name?: string;
  version?: string;
  instructions?: string;
  logger?: Logger;
  /**
   * Sends upstream calls (and key lookups) through this `fetch`, e.g. to record or rewrite them.
   * Without it, calls go through a pool of keep-alive connections (undici), which costs less CPU.
   */
  fetch?: typeof fetch;
  /** Called with every MCP server instance created (one per HTTP request, one for stdio): the analytics hook. */
  instrument?: (server: McpServer, context: { caller: CallerInfo; view: ToolView }) => void;
}
