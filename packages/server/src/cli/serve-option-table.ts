import type { ServeConfig } from "@toolwright/core";

/** How a flag's or variable's text becomes a config value. */
type ServeOptionKind = "string" | "number" | "boolean" | "list" | "flags";

/** One setting of `toolwright serve`: its config key, flag, environment variable and help line. */
export interface ServeOption {
  key: keyof ServeConfig;
  /** The long flag, without `--`. */
  flag: string;
  /** The environment variable, when it has one. */
  env?: string;
  kind: ServeOptionKind;
  /** Placeholder shown in help (`<url>`). */
  value?: string;
  help: string;
}

/**
 * Every setting, in help order. Adding one is one row here plus its key in core's
 * `ServeConfigSchema`, and its use in `serverOptionsFrom` when it maps to a server option.
 * Precedence: flag, then environment variable, then the config file's `serve` section.
 */
// biome-ignore format: one row per setting, so adding a setting is a one-line change.
export const SERVE_OPTIONS: readonly ServeOption[] = [
  { key: "catalog", flag: "catalog", env: "TOOLWRIGHT_CATALOG", kind: "string", value: "<file>", help: "tool-definitions.json written by `toolwright generate` (required)" },
  { key: "upstream", flag: "upstream", env: "TOOLWRIGHT_UPSTREAM", kind: "string", value: "<url>", help: 'upstream API base URL (default: the catalog\'s "upstream")' },
  { key: "port", flag: "port", env: "TOOLWRIGHT_PORT", kind: "number", value: "<n>", help: "HTTP port (default 3333; 0 picks a free one); the MCP endpoint is /mcp" },
  { key: "host", flag: "host", env: "TOOLWRIGHT_HOST", kind: "string", value: "<host>", help: "HTTP host (default 127.0.0.1; 0.0.0.0 in a container)" },
  { key: "publicUrl", flag: "public-url", env: "TOOLWRIGHT_PUBLIC_URL", kind: "string", value: "<url>", help: "this server's public base URL behind a proxy (required off loopback)" },
  { key: "allowedHosts", flag: "allowed-hosts", env: "TOOLWRIGHT_ALLOWED_HOSTS", kind: "list", value: "<a,b>", help: "Host headers answered (default: the public URL's host, else loopback names)" },
  { key: "maxResponseBytes", flag: "max-response-bytes", env: "TOOLWRIGHT_MAX_RESPONSE_BYTES", kind: "number", value: "<n>", help: "largest upstream answer read (default 5000000)" },
  { key: "maxConnections", flag: "max-connections", env: "TOOLWRIGHT_MAX_CONNECTIONS_PER_CLIENT", kind: "number", value: "<n>", help: "concurrent connections per client address (default 128; 0 = no cap)" },
  { key: "headersTimeoutMs", flag: "headers-timeout", env: "TOOLWRIGHT_HEADERS_TIMEOUT_MS", kind: "number", value: "<ms>", help: "time to receive request headers (default 10000)" },
  { key: "requestTimeoutMs", flag: "request-timeout", env: "TOOLWRIGHT_REQUEST_TIMEOUT_MS", kind: "number", value: "<ms>", help: "time to receive a whole request (default 30000)" },
  { key: "redisUrl", flag: "redis-url", env: "TOOLWRIGHT_REDIS_URL", kind: "string", value: "<url>", help: "keep shared state (replay set, caches, rate limits) in Redis (default: memory)" },
  { key: "stdio", flag: "stdio", env: "TOOLWRIGHT_STDIO", kind: "boolean", help: "serve over stdio instead of HTTP; the caller's key is --api-key" },
  { key: "apiKey", flag: "api-key", env: "TOOLWRIGHT_API_KEY", kind: "string", value: "<key>", help: "the caller's key on stdio (prefer the variable: flags show in ps)" },
  { key: "scopes", flag: "scopes", env: "TOOLWRIGHT_SCOPES", kind: "list", value: "<a,b>", help: "fixed scopes for every caller, for upstreams without a key-lookup endpoint" },
  { key: "introspectionPath", flag: "introspection", env: "TOOLWRIGHT_INTROSPECTION_PATH", kind: "string", value: "<path>", help: "key-lookup path on the upstream (default /api/keys/@current)" },
  { key: "oauthIssuer", flag: "oauth-issuer", env: "TOOLWRIGHT_OAUTH_ISSUER", kind: "string", value: "<url>", help: "accept OAuth access tokens from this authorization server (issuer URL)" },
  { key: "oauthValidation", flag: "oauth-validation", env: "TOOLWRIGHT_OAUTH_VALIDATION", kind: "string", value: "<jwt|introspection>", help: "check tokens as JWTs against the AS's keys (default) or by RFC 7662 introspection" },
  { key: "oauthTokenType", flag: "oauth-token-type", env: "TOOLWRIGHT_OAUTH_TOKEN_TYPE", kind: "string", value: "<typ>", help: "JWT typ header tokens must carry, e.g. at+jwt (default: not checked)" },
  { key: "oauthClientId", flag: "oauth-client-id", env: "TOOLWRIGHT_OAUTH_CLIENT_ID", kind: "string", value: "<id>", help: "this server's client id at the AS (introspection, token exchange)" },
  { key: "oauthClientSecret", flag: "oauth-client-secret", env: "TOOLWRIGHT_OAUTH_CLIENT_SECRET", kind: "string", value: "<s>", help: "this server's client secret at the AS (prefer the variable: flags show in ps)" },
  { key: "oauthResource", flag: "oauth-resource", env: "TOOLWRIGHT_OAUTH_RESOURCE", kind: "string", value: "<url>", help: "canonical resource URI tokens must name (default: <public URL>/mcp)" },
  { key: "oauthUpstreamResource", flag: "oauth-upstream-resource", env: "TOOLWRIGHT_OAUTH_UPSTREAM_RESOURCE", kind: "string", value: "<url>", help: "the upstream's resource for token exchange (default: the upstream URL)" },
  { key: "oauthProjectClaim", flag: "oauth-project-claim", env: "TOOLWRIGHT_OAUTH_PROJECT_CLAIM", kind: "string", value: "<claim>", help: "token claim naming the caller's project or tenant (default project)" },
  { key: "oauthScopeMap", flag: "oauth-scope-map", env: "TOOLWRIGHT_OAUTH_SCOPE_MAP", kind: "string", value: "<file|json>", help: "token scope -> tool scopes: a JSON file or inline JSON (default identity)" },
  { key: "oauthApiKeyPrefix", flag: "oauth-api-key-prefix", env: "TOOLWRIGHT_OAUTH_API_KEY_PREFIX", kind: "string", value: "<prefix>", help: "prefix of API keys, which then never go to the AS (e.g. tw_)" },
  { key: "oauthTokensOnly", flag: "oauth-tokens-only", env: "TOOLWRIGHT_OAUTH_TOKENS_ONLY", kind: "boolean", help: "accept OAuth tokens only, no API keys (default: both)" },
  { key: "mode", flag: "mode", env: "TOOLWRIGHT_MODE", kind: "string", value: "<full|compact>", help: "compact: three tools (search, describe, call) instead of the whole catalog" },
  { key: "confirmSecret", flag: "confirm-secret", env: "TOOLWRIGHT_CONFIRM_SECRET", kind: "string", value: "<s>", help: "HMAC secret for confirmation tokens, >= 32 characters (default: per process)" },
  { key: "allowedOrigins", flag: "allowed-origins", env: "TOOLWRIGHT_ALLOWED_ORIGINS", kind: "list", value: "<a,b>", help: "browser origins allowed on /mcp, with CORS (default: loopback, no CORS)" },
  { key: "appUrl", flag: "app-url", env: "TOOLWRIGHT_APP_URL", kind: "string", value: "<url>", help: "base URL of the product's web app for enrich_url links (default: upstream)" },
  { key: "name", flag: "name", env: "TOOLWRIGHT_NAME", kind: "string", value: "<name>", help: "server name reported in initialize (default toolwright)" },
  { key: "instructions", flag: "instructions", env: "TOOLWRIGHT_INSTRUCTIONS", kind: "string", value: "<text>", help: "instructions reported in initialize: how an agent should use the tools" },
  { key: "toolSet", flag: "tool-set", env: "TOOLWRIGHT_TOOL_SET", kind: "number", value: "<1|2>", help: "tool set (mcp_version) of connections without ?version= (default 1)" },
  { key: "flags", flag: "flags", env: "TOOLWRIGHT_FLAGS", kind: "flags", value: "<a,b=off>", help: "feature flags for every caller (name, name=on|off or -name); others unknown" },
  { key: "flagsFile", flag: "flags-file", env: "TOOLWRIGHT_FLAGS_FILE", kind: "string", value: "<file>", help: 'JSON flags file: {"beta": true, "pilot": {"projects": [7]}} (--flags wins)' },
  { key: "flagsProvider", flag: "flags-provider", env: "TOOLWRIGHT_FLAGS_PROVIDER", kind: "string", value: "<local|posthog>", help: "posthog: flags from PostHog (--posthog-key, --posthog-host); default local" },
  { key: "posthogPersonalKey", flag: "posthog-personal-key", env: "POSTHOG_PERSONAL_API_KEY", kind: "string", value: "<key>", help: "PostHog personal API key: evaluate flags locally (prefer the variable)" },
  { key: "analytics", flag: "analytics", env: "TOOLWRIGHT_ANALYTICS", kind: "string", value: "<jsonl|posthog|off>", help: "usage events sink (default off; needs @toolwright/analytics)" },
  { key: "eventsFile", flag: "events-file", env: "TOOLWRIGHT_EVENTS_FILE", kind: "string", value: "<file>", help: "JSONL file for --analytics jsonl (default .data/events.jsonl)" },
  { key: "posthogKey", flag: "posthog-key", env: "POSTHOG_API_KEY", kind: "string", value: "<key>", help: "PostHog project API key for --analytics posthog and --flags-provider posthog" },
  { key: "posthogHost", flag: "posthog-host", env: "POSTHOG_HOST", kind: "string", value: "<url>", help: "PostHog host (default https://us.i.posthog.com)" },
  { key: "identity", flag: "identity", env: "TOOLWRIGHT_IDENTITY", kind: "string", value: "<caller|key-hash|anonymous>", help: "whom events are attributed to (default caller: token sub or key id, else a key hash)" },
];
