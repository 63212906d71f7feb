export type { OAuthResourceServerOptions, TokenValidation } from "./auth/oauth-options.js";
export type { Caller, CallerResolution } from "./callers/caller.js";
export { type CallerIdentity, callerIdentity } from "./callers/caller-identity.js";
export { hashKey } from "./callers/key-hash.js";
export type { AdvertisedTool } from "./calls/advertised-tool.js";
export type { Logger } from "./calls/runtime.js";
export type { Session } from "./calls/session.js";
export type { ToolResult } from "./calls/tool-result.js";
export { type Catalog, type CatalogOptions, createCatalog } from "./catalog/create-catalog.js";
export {
  defineTool,
  type HandwrittenAnnotations,
  type HandwrittenTool,
  type HandwrittenToolConfig,
} from "./catalog/define-tool.js";
export type { ServedTool, ToolHandler, ToolTarget } from "./catalog/served-tool.js";
export type { CallerInfo, ToolContext, UpstreamRequest } from "./catalog/tool-context.js";
export { compactToolUnwrapper, type UnwrappedCall } from "./compact/compact-tool-unwrapper.js";
export { createHttpApp, type HttpAppOptions } from "./http/http-app.js";
export type { HttpLimits } from "./http/limits.js";
export { type RunningHttpServer, type ServeHttpOptions, serveHttp } from "./http/serve-http.js";
export { createMemoryListCache, type ListCache } from "./listing/list-cache.js";
export type { McpServer } from "./protocol/mcp-server.js";
export { type ServeStdioOptions, serveStdio } from "./serve-stdio.js";
export type { ServerErrorCode } from "./server-error.js";
export type { ToolwrightServerOptions } from "./server-options.js";
export { type AuthFailureLimitOptions, withAuthFailureLimit } from "./state/auth-failure-limit.js";
export { type CallerCacheOptions, withCallerCache } from "./state/caller-cache.js";
export { createStateStore } from "./state/create-state-store.js";
export { createListCache } from "./state/list-cache.js";
export { createMemoryStateStore, type MemoryStateStoreOptions } from "./state/memory-state-store.js";
export { type NegativeCacheOptions, withNegativeCache } from "./state/negative-cache.js";
export { createRedisStateStore, type RedisStateStoreOptions } from "./state/redis-state-store.js";
export type { ResolutionContext, ResolveCaller } from "./state/resolve-caller.js";
export type { StateStore } from "./state/state-store.js";
export type { RateLimitFailureMode } from "./state/store-rate-limiter.js";
export { createToolwrightServer, type ToolwrightServer } from "./toolwright-server.js";
export type { FlagProvider } from "./visibility/flag-provider.js";
export {
  type LocalFlags,
  LocalFlagsSchema,
  type LocalFlagValue,
  localFlagProvider,
  parseFlagList,
  readFlagFile,
} from "./visibility/local-flag-provider.js";
export {
  type ClosableFlagProvider,
  type PostHogFlagClient,
  type PostHogFlagProviderOptions,
  postHogFlagProvider,
} from "./visibility/posthog-flag-provider.js";
export { fullView, type ToolView, viewFromRequest } from "./visibility/tool-view.js";
