/** How OAuth access tokens are checked: signature against the AS's keys, or by asking the AS. */
export type TokenValidation =
  | {
      kind: "jwt";
      /** JWKS URL; default the `jwks_uri` of the authorization server's RFC 8414 metadata. */
      jwksUri?: string;
      /** Accepted signature algorithms; default RS256, PS256, ES256, EdDSA. `none` and HMAC are never accepted. */
      algorithms?: readonly string[];
      /** Required JOSE `typ` header, e.g. `at+jwt` (RFC 9068); default not checked. */
      type?: string;
    }
  | {
      kind: "introspection";
      /** RFC 7662 endpoint; default the `introspection_endpoint` of the AS metadata. */
      endpoint?: string;
    };

/** This server's own confidential client at the authorization server (client_secret_basic). */
interface ResourceServerClient {
  id: string;
  secret: string;
}

/** The MCP server as an OAuth 2.1 resource server, beside (or instead of) API keys. */
export interface OAuthResourceServerOptions {
  /**
   * This server's canonical resource URI (RFC 8707/9728), e.g. `https://mcp.example.com/mcp`: the
   * audience every token must name, and the `resource` of the protected-resource metadata. It is
   * configured, never derived from a request's Host header.
   */
  resource: string;
  /** The authorization server's issuer identifier (RFC 8414); tokens from any other issuer are refused. */
  issuer: string;
  /** JWT validation (default) or RFC 7662 introspection. */
  validation?: TokenValidation;
  /** This server's client at the AS: authenticates introspection and token exchange. */
  client: ResourceServerClient;
  /**
   * The upstream API's resource identifier (RFC 8707). The caller's token, issued for the MCP server,
   * is never forwarded: the server exchanges it at the AS (RFC 8693) for a token with this audience,
   * on behalf of the same user and with the same scopes, and calls the upstream with that.
   */
  upstreamResource: string;
  /** Token scope -> tool scopes, for products whose OAuth scopes differ; unmapped scopes pass unchanged. */
  scopeMap?: Readonly<Record<string, readonly string[]>>;
  /** Claim naming the caller's project or tenant (a number, string or object); default `project`. */
  projectClaim?: string;
  /** Scopes named in a 401 challenge (what a client should ask for first); default every `:read` scope of the catalog. */
  challengeScopes?: readonly string[];
  /**
   * Tells an OAuth token from an API key when both are accepted. Default: JWT validation takes
   * credentials that look like a JWS (three dot-separated parts); introspection takes everything that
   * does not start with `apiKeyPrefix`.
   */
  isOAuthToken?: (credential: string) => boolean;
  /** Prefix of the product's API keys (e.g. `tw_`), which then never go to the authorization server. */
  apiKeyPrefix?: string;
  /** Whether API keys are still accepted beside tokens; default true. */
  acceptApiKeys?: boolean;
  /** Clock skew allowed for `exp`/`nbf`, in seconds; default 5. */
  clockToleranceSeconds?: number;
  /** Allow http:// issuer and endpoints (loopback development); default false. */
  allowInsecureHttp?: boolean;
}
