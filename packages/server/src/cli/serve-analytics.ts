import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServeConfig } from "@toolwright/core";
import { callerIdentity } from "../callers/caller-identity.js";
import { hashKey } from "../callers/key-hash.js";
import type { Catalog } from "../catalog/create-catalog.js";
import { compactToolUnwrapper } from "../compact/compact-tool-unwrapper.js";
import type { McpServer } from "../protocol/mcp-server.js";
import type { ToolwrightServerOptions } from "../server-options.js";

/** The module the analytics sink comes from; in a variable so tsc and bundlers do not require it. */
const ANALYTICS = "@toolwright/analytics";

/** What serve needs of a recorder: the instrument hook and a flush on shutdown. */
export interface ServeAnalytics {
  instrument: NonNullable<ToolwrightServerOptions["instrument"]>;
  shutdown: () => Promise<void>;
  /** Where events go, for the start line: a file path or the PostHog host. */
  destination: string;
}

type AnalyticsModule = typeof import("@toolwright/analytics");

function bearer(headers: Record<string, string> | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers?.authorization ?? "")?.[1]?.trim();
}

/**
 * Finds @toolwright/analytics in the user's project first (with pnpm's isolated layout this package
 * cannot see its siblings), then beside this package (npm's flat layout, the repo).
 */
async function loadAnalytics(cwd: string): Promise<AnalyticsModule> {
  const candidates: Array<() => string> = [
    () => pathToFileURL(createRequire(join(cwd, "package.json")).resolve(ANALYTICS)).href,
    () => ANALYTICS,
  ];
  for (const candidate of candidates) {
    try {
      return (await import(candidate())) as AnalyticsModule;
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
    }
  }
  throw new Error("--analytics needs @toolwright/analytics: npm install @toolwright/analytics");
}

/**
 * The analytics recorder `toolwright serve` plugs in, configured as the demo server's: each request's
 * server is instrumented with its resolved caller's stable id (a token's `sub`, a key's id; see
 * `callerIdentity`), a hash of the key only when the caller has no id (or with
 * `identity: "key-hash"`), and the keys are redacted from every event. Null when analytics are off.
 */
export async function serveAnalytics(
  config: ServeConfig,
  catalog: Catalog,
  cwd: string,
): Promise<ServeAnalytics | null> {
  const kind = config.analytics ?? "off";
  if (kind === "off") return null;
  if (kind === "posthog" && !config.posthogKey)
    throw new Error("--analytics posthog needs --posthog-key (or POSTHOG_API_KEY)");
  const analytics = await loadAnalytics(cwd);
  const eventsFile = resolve(cwd, config.eventsFile ?? analytics.DEFAULT_EVENTS_FILE);
  const posthogHost = config.posthogHost ?? analytics.DEFAULT_POSTHOG_HOST;
  const sink =
    kind === "posthog"
      ? analytics.createPostHogSink({ apiKey: config.posthogKey as string, host: posthogHost })
      : analytics.createJsonlFileSink({ path: eventsFile });
  const identity = config.identity ?? "caller";
  const recorder = analytics.createRecorder({
    sink,
    identify: (request) => {
      const key = bearer(request.headers) ?? config.apiKey;
      return key && identity !== "anonymous" ? `key:${hashKey(key)}` : null;
    },
    toolInfo: (name) => {
      const tool = catalog.get(name);
      return tool ? { category: tool.category, feature: tool.feature } : undefined;
    },
    unwrapTool: compactToolUnwrapper,
    redact: config.apiKey ? [config.apiKey] : [],
    redactRequestCredentials: true,
    serverInfo: { name: config.name ?? "toolwright" },
  });
  return {
    instrument: (server: McpServer, { caller }) => {
      const resolved = identity === "caller" ? callerIdentity(caller) : undefined;
      void analytics.instrument(server, recorder, resolved ? { identity: resolved } : {});
    },
    shutdown: async () => {
      await recorder.shutdown();
    },
    destination: kind === "posthog" ? posthogHost : eventsFile,
  };
}
