import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ServeConfig } from "@toolwright/core";
import { fileProblem } from "@toolwright/core/internal";
import * as z from "zod";
import type { OAuthResourceServerOptions } from "../auth/oauth-options.js";

/** A setting that cannot work as given (exit 1), naming the setting. */
class ServeOAuthError extends Error {
  override name = "ServeOAuthError";
}

const ScopeMapSchema = z.record(z.string().min(1), z.array(z.string().min(1)));

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** `oauthScopeMap` as an object: given as one, as inline JSON, or as a JSON file. */
function scopeMapFrom(
  value: ServeConfig["oauthScopeMap"],
  cwd: string,
): Record<string, string[]> | undefined {
  if (value === undefined || typeof value === "object") return value;
  const inline = value.trim().startsWith("{");
  const where = inline
    ? "--oauth-scope-map (inline JSON)"
    : `--oauth-scope-map file '${resolve(cwd, value)}'`;
  let text = value;
  if (!inline) {
    try {
      text = readFileSync(resolve(cwd, value), "utf8");
    } catch (error) {
      throw new ServeOAuthError(`${where}: cannot read it: ${fileProblem(error)}`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ServeOAuthError(`${where}: not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
  const parsed = ScopeMapSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServeOAuthError(
      `${where}: must map each token scope to a list of tool scopes, e.g. {"read": ["cohort:read"]}` +
        (issue ? ` (at '${issue.path.join(".") || "(root)"}': ${issue.message})` : ""),
    );
  }
  return parsed.data;
}

/** This server's resource URI: configured, else `<public URL>/mcp`, else the loopback address it binds. */
function resourceFrom(config: ServeConfig): string {
  if (config.oauthResource) return config.oauthResource;
  if (config.publicUrl) return `${withoutTrailingSlash(config.publicUrl)}/mcp`;
  if (config.port !== undefined && config.port !== 0)
    return `http://${config.host ?? "127.0.0.1"}:${config.port}/mcp`;
  throw new ServeOAuthError(
    "--oauth-issuer needs this server's resource URI, the audience tokens must name: set --oauth-resource (or --public-url, or a fixed --port)",
  );
}

/**
 * The resource-server options `toolwright serve` builds from its `oauth*` settings, or undefined when
 * no issuer is set. The server's client secret is required: tokens are introspected or exchanged for
 * the upstream's audience (RFC 8693) with it, so the caller's token is never forwarded. Plain-http
 * issuers are accepted only on loopback addresses (development against a local AS).
 */
export function oauthOptionsFrom(
  config: ServeConfig,
  upstream: string | null,
  cwd: string,
): OAuthResourceServerOptions | undefined {
  const issuer = config.oauthIssuer;
  if (!issuer) {
    const stray = (Object.keys(config) as Array<keyof ServeConfig>).filter((key) => key.startsWith("oauth"));
    if (stray.length > 0)
      throw new ServeOAuthError(`${stray.join(", ")} set without --oauth-issuer (TOOLWRIGHT_OAUTH_ISSUER)`);
    return undefined;
  }
  if (!config.oauthClientId || !config.oauthClientSecret)
    throw new ServeOAuthError(
      "--oauth-issuer needs this server's client at the authorization server: --oauth-client-id and TOOLWRIGHT_OAUTH_CLIENT_SECRET (or --oauth-client-secret)",
    );
  const upstreamResource = config.oauthUpstreamResource ?? upstream;
  if (!upstreamResource)
    throw new ServeOAuthError(
      "--oauth-issuer needs --oauth-upstream-resource (or --upstream) for token exchange",
    );
  const scopeMap = scopeMapFrom(config.oauthScopeMap, cwd);
  const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(issuer);
  return {
    issuer: withoutTrailingSlash(issuer),
    resource: resourceFrom(config),
    validation:
      config.oauthValidation === "introspection"
        ? { kind: "introspection" }
        : { kind: "jwt", ...(config.oauthTokenType ? { type: config.oauthTokenType } : {}) },
    client: { id: config.oauthClientId, secret: config.oauthClientSecret },
    upstreamResource: withoutTrailingSlash(upstreamResource),
    ...(scopeMap ? { scopeMap } : {}),
    ...(config.oauthProjectClaim ? { projectClaim: config.oauthProjectClaim } : {}),
    ...(config.oauthApiKeyPrefix ? { apiKeyPrefix: config.oauthApiKeyPrefix } : {}),
    ...(config.oauthTokensOnly ? { acceptApiKeys: false } : {}),
    allowInsecureHttp: loopback,
  };
}
