import type { OAuthResourceServerOptions } from "@toolwright/server";
import { z } from "zod";

/**
 * OAuth settings of the demo MCP server (documented in docs/authorization.md). Setting the issuer turns
 * the server into an OAuth resource server beside its API keys; `pnpm start` points it at the demo AS.
 */
export const OAUTH_SETTINGS = {
  TOOLWRIGHT_OAUTH_ISSUER: z.url().optional(),
  TOOLWRIGHT_OAUTH_VALIDATION: z.enum(["jwt", "introspection"]).default("jwt"),
  TOOLWRIGHT_OAUTH_CLIENT_ID: z.string().min(1).default("toolwright-mcp"),
  TOOLWRIGHT_OAUTH_CLIENT_SECRET: z.string().min(1).default("toolwright-mcp-demo-secret-change-me"),
  /** The upstream's resource identifier for token exchange; default the upstream URL without a trailing slash. */
  TOOLWRIGHT_OAUTH_UPSTREAM_RESOURCE: z.url().optional(),
  /** This server's canonical resource URI; default `<public URL or http://host:port>/mcp`. */
  TOOLWRIGHT_OAUTH_RESOURCE: z.url().optional(),
};

interface OAuthSettingValues {
  TOOLWRIGHT_HOST: string;
  TOOLWRIGHT_PORT: number;
  TOOLWRIGHT_UPSTREAM: string;
  TOOLWRIGHT_PUBLIC_URL?: string | undefined;
  TOOLWRIGHT_OAUTH_ISSUER?: string | undefined;
  TOOLWRIGHT_OAUTH_VALIDATION: "jwt" | "introspection";
  TOOLWRIGHT_OAUTH_CLIENT_ID: string;
  TOOLWRIGHT_OAUTH_CLIENT_SECRET: string;
  TOOLWRIGHT_OAUTH_UPSTREAM_RESOURCE?: string | undefined;
  TOOLWRIGHT_OAUTH_RESOURCE?: string | undefined;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** The resource-server options for these settings, or undefined when no issuer is configured. */
export function oauthOptions(settings: OAuthSettingValues): OAuthResourceServerOptions | undefined {
  const issuer = settings.TOOLWRIGHT_OAUTH_ISSUER;
  if (!issuer) return undefined;
  const base =
    settings.TOOLWRIGHT_PUBLIC_URL ?? `http://${settings.TOOLWRIGHT_HOST}:${settings.TOOLWRIGHT_PORT}`;
  const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(issuer);
  return {
    resource: settings.TOOLWRIGHT_OAUTH_RESOURCE ?? `${withoutTrailingSlash(base)}/mcp`,
    issuer: withoutTrailingSlash(issuer),
    validation:
      settings.TOOLWRIGHT_OAUTH_VALIDATION === "introspection"
        ? { kind: "introspection" }
        : { kind: "jwt", type: "at+jwt" },
    client: { id: settings.TOOLWRIGHT_OAUTH_CLIENT_ID, secret: settings.TOOLWRIGHT_OAUTH_CLIENT_SECRET },
    upstreamResource: withoutTrailingSlash(
      settings.TOOLWRIGHT_OAUTH_UPSTREAM_RESOURCE ?? settings.TOOLWRIGHT_UPSTREAM,
    ),
    // The demo's API keys start with tw_; they never go to the authorization server.
    apiKeyPrefix: "tw_",
    allowInsecureHttp: loopback,
  };
}
