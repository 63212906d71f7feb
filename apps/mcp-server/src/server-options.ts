import { instrument, type Recorder, type Sink } from "@toolwright/analytics";
import {
  type Catalog,
  callerIdentity,
  createRedisStateStore,
  type HttpAppOptions,
  type ServeHttpOptions,
} from "@toolwright/server";
import { demoAnalytics } from "./analytics.js";
import { demoCatalog } from "./catalog.js";
import { demoFlags } from "./flags.js";
import { oauthOptions } from "./oauth-settings.js";
import type { Settings } from "./settings.js";

/** The options both transports share, plus the analytics recorder to flush on shutdown. */
export interface DemoServer {
  options: HttpAppOptions & Pick<ServeHttpOptions, "limits">;
  catalog: Catalog;
  analytics: Recorder | null;
}

/** What a caller (e.g. a test) may swap: where analytics events go, with the recorder configured as deployed. */
export interface DemoServerOverrides {
  analyticsSink?: Sink;
}

/** Host allowlist, upstream answer cap and connection limits; unset ones keep the server's defaults. */
function httpHardening(settings: Settings): Partial<ServeHttpOptions> {
  const limits = Object.fromEntries(
    Object.entries({
      maxConnectionsPerClient: settings.TOOLWRIGHT_MAX_CONNECTIONS_PER_CLIENT,
      headersTimeoutMs: settings.TOOLWRIGHT_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: settings.TOOLWRIGHT_REQUEST_TIMEOUT_MS,
    }).filter(([, value]) => value !== undefined),
  );
  return {
    ...(settings.TOOLWRIGHT_ALLOWED_HOSTS ? { allowedHosts: settings.TOOLWRIGHT_ALLOWED_HOSTS } : {}),
    ...(settings.TOOLWRIGHT_UPSTREAM_TIMEOUT_MS === undefined
      ? {}
      : { timeoutMs: settings.TOOLWRIGHT_UPSTREAM_TIMEOUT_MS }),
    ...(settings.TOOLWRIGHT_MAX_RESPONSE_BYTES === undefined
      ? {}
      : { maxResponseBytes: settings.TOOLWRIGHT_MAX_RESPONSE_BYTES }),
    limits,
  };
}

/** Builds the demo MCP server's options from its settings. */
export function demoServer(settings: Settings, overrides: DemoServerOverrides = {}): DemoServer {
  const catalog = demoCatalog();
  const analytics = demoAnalytics(settings, catalog, overrides.analyticsSink);
  const oauth = oauthOptions(settings);
  const options: DemoServer["options"] = {
    catalog,
    upstream: settings.TOOLWRIGHT_UPSTREAM,
    name: "toolwright-demo",
    instructions:
      "Tools for the Toolwright demo product-analytics API. Call whoami to see your project and scopes. Tools that change many people at once ask for an acknowledged count or a confirmation token: show the user the numbers before you confirm.",
    confirmation:
      settings.TOOLWRIGHT_CONFIRM_SECRET === undefined ? {} : { secret: settings.TOOLWRIGHT_CONFIRM_SECRET },
    view: { mode: settings.TOOLWRIGHT_MODE, version: settings.TOOLWRIGHT_TOOL_SET === "2" ? 2 : 1 },
    // Replicas share confirmations, caches and rate limits through Redis; one process keeps them in memory.
    ...(settings.TOOLWRIGHT_REDIS_URL
      ? { state: createRedisStateStore({ url: settings.TOOLWRIGHT_REDIS_URL, logger: console }) }
      : {}),
    rateLimitFailureMode: settings.TOOLWRIGHT_RATE_LIMIT_FAILURE,
    ...(settings.TOOLWRIGHT_CLIENT_ADDRESS_HEADER
      ? { clientAddressHeader: settings.TOOLWRIGHT_CLIENT_ADDRESS_HEADER }
      : {}),
    flags: demoFlags(settings),
    ...(settings.TOOLWRIGHT_APP_URL ? { appBaseUrl: settings.TOOLWRIGHT_APP_URL } : {}),
    ...(settings.TOOLWRIGHT_PUBLIC_URL ? { publicUrl: settings.TOOLWRIGHT_PUBLIC_URL } : {}),
    ...(settings.TOOLWRIGHT_ALLOWED_ORIGINS ? { allowedOrigins: settings.TOOLWRIGHT_ALLOWED_ORIGINS } : {}),
    ...httpHardening(settings),
    ...(analytics
      ? {
          instrument: (server, { caller }) =>
            void instrument(server, analytics, { identity: callerIdentity(caller) }),
        }
      : {}),
    ...(oauth ? { oauth } : {}),
  };
  return { options, catalog, analytics };
}
