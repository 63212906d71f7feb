import * as z from "zod";

/**
 * Settings of `toolwright serve` (the `serve` section of a toolwright config file). Every key also
 * has a flag and an environment variable; the serve CLI's option table maps them.
 */
export const ServeConfigSchema = z.strictObject({
  /** tool-definitions.json written by `toolwright generate`; relative to the config file. */
  catalog: z.string().min(1).optional(),
  /** Upstream API base URL; default the catalog's `upstream`. */
  upstream: z.url().optional(),
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  /** Serve over stdio instead of HTTP (the caller's key from `apiKey`). */
  stdio: z.boolean().optional(),
  /** The caller's key on stdio. */
  apiKey: z.string().min(1).optional(),
  /** Fixed scopes for every caller, for upstreams without a key-lookup endpoint. */
  scopes: z.array(z.string().min(1)).optional(),
  /** Key-lookup path on the upstream; default `/api/keys/@current`. */
  introspectionPath: z.string().startsWith("/").optional(),
  mode: z.enum(["full", "compact"]).optional(),
  /** HMAC secret for confirmation tokens, at least 32 characters (shared by replicas). */
  confirmSecret: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** Browser origins allowed on /mcp; default loopback origins. */
  allowedOrigins: z.array(z.string().min(1)).optional(),
  /** Base URL of the product's web app for `enrich_url` links. */
  appUrl: z.url().optional(),
  /** This server's public base URL (behind a proxy), for protected-resource metadata. */
  publicUrl: z.url().optional(),
  /** Host headers answered; default the public URL's host, else loopback names. */
  allowedHosts: z.array(z.string().min(1)).optional(),
  /** Largest upstream answer read, in bytes. */
  maxResponseBytes: z.number().int().min(1).optional(),
  /** Concurrent connections per client address (0: no cap). */
  maxConnections: z.number().int().min(0).optional(),
  /** Time to receive a request's headers, in milliseconds. */
  headersTimeoutMs: z.number().int().min(1).optional(),
  /** Time to receive a whole request, in milliseconds. */
  requestTimeoutMs: z.number().int().min(1).optional(),
  /** Redis URL for the state replicas share (replay set, caches, rate limits); default in memory. */
  redisUrl: z.string().min(1).optional(),
  /** OAuth 2.1 resource server: the authorization server's issuer; setting it accepts its access tokens. */
  oauthIssuer: z.url().optional(),
  /** How tokens are checked: JWT signature against the AS's JWKS (default), or RFC 7662 introspection. */
  oauthValidation: z.enum(["jwt", "introspection"]).optional(),
  /** JWT validation: the required JOSE `typ` header (e.g. `at+jwt`, RFC 9068); default not checked. */
  oauthTokenType: z.string().min(1).optional(),
  /** This server's client at the AS (introspection and token exchange, client_secret_basic). */
  oauthClientId: z.string().min(1).optional(),
  oauthClientSecret: z.string().min(1).optional(),
  /** This server's canonical resource URI (the audience tokens must name); default `<public URL>/mcp`. */
  oauthResource: z.url().optional(),
  /** The upstream API's resource identifier, for RFC 8693 token exchange; default the upstream URL. */
  oauthUpstreamResource: z.url().optional(),
  /** Claim naming the caller's project or tenant; default `project`. */
  oauthProjectClaim: z.string().min(1).optional(),
  /**
   * Token scope -> tool scopes, for products whose OAuth scopes differ: an object, inline JSON, or a
   * JSON file (relative to the config file or the working directory).
   */
  oauthScopeMap: z
    .union([z.string().min(1), z.record(z.string().min(1), z.array(z.string().min(1)))])
    .optional(),
  /** Prefix of the product's API keys (e.g. `tw_`), which then never go to the authorization server. */
  oauthApiKeyPrefix: z.string().min(1).optional(),
  /** Accept OAuth tokens only, refusing API keys; default false (both are accepted). */
  oauthTokensOnly: z.boolean().optional(),
  /** Name reported in `initialize`. */
  name: z.string().min(1).optional(),
  /** Instructions reported in `initialize`: how an agent should use these tools. */
  instructions: z.string().min(1).optional(),
  /** Feature flags every caller gets: `{ beta: true }`; a flag not listed cannot be evaluated. */
  flags: z.record(z.string().min(1), z.boolean()).optional(),
  /** The tool set (`mcp_version`) a connection gets when it does not ask with `?version=`; default 1. */
  toolSet: z.literal([1, 2], { error: "must be 1 or 2 (a tool set of mcp_version)" }).optional(),
  /** A JSON flags file for the local provider: `{ "beta": true, "pilot": { "projects": [7] } }`. */
  flagsFile: z.string().min(1).optional(),
  /** Where feature flags come from: the local table (`flags`, `flagsFile`; default) or PostHog. */
  flagsProvider: z.enum(["local", "posthog"]).optional(),
  /** A PostHog personal API key: flags are then evaluated locally from polled definitions. */
  posthogPersonalKey: z.string().min(1).optional(),
  /** Where usage events go: a JSONL file, PostHog, or nowhere (default `off`). */
  analytics: z.enum(["jsonl", "posthog", "off"]).optional(),
  /** The JSONL file for `analytics: "jsonl"`; relative to the working directory. */
  eventsFile: z.string().min(1).optional(),
  posthogKey: z.string().min(1).optional(),
  posthogHost: z.url().optional(),
  /**
   * Who an event is attributed to: the caller's stable id (default: a token's `sub`, a key's id, a
   * hash of the key only when neither exists), always a hash of the key, or nobody.
   */
  identity: z.enum(["caller", "key-hash", "anonymous"]).optional(),
});
export type ServeConfig = z.infer<typeof ServeConfigSchema>;
