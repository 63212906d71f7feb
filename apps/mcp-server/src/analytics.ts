import {
  createJsonlFileSink,
  createPostHogSink,
  createRecorder,
  type Recorder,
  type Sink,
} from "@toolwright/analytics";
import { type Catalog, compactToolUnwrapper, hashKey } from "@toolwright/server";
import type { Settings } from "./settings.js";

function sinkFor(settings: Settings): Sink | null {
  if (settings.TOOLWRIGHT_ANALYTICS === "off") return null;
  if (settings.TOOLWRIGHT_ANALYTICS === "posthog") {
    if (!settings.POSTHOG_API_KEY) throw new Error("TOOLWRIGHT_ANALYTICS=posthog needs POSTHOG_API_KEY");
    return createPostHogSink({ apiKey: settings.POSTHOG_API_KEY, host: settings.POSTHOG_HOST });
  }
  return createJsonlFileSink({ path: settings.TOOLWRIGHT_EVENTS_FILE });
}

function bearer(headers: Record<string, string> | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers?.authorization ?? "")?.[1]?.trim();
}

/**
 * One recorder shared by every per-request MCP server: callers are identified by a hash of their key
 * (never the key). The upstream key a stdio server holds is redacted wherever it could appear, and an
 * HTTP caller's own bearer key is redacted from every event of its request (the recorder reads it from
 * the request's Authorization header), whatever the key looks like.
 */
export function demoAnalytics(settings: Settings, catalog: Catalog, sinkOverride?: Sink): Recorder | null {
  const sink = sinkOverride ?? sinkFor(settings);
  if (!sink) return null;
  return createRecorder({
    sink,
    identify: (request) => {
      const key = bearer(request.headers) ?? settings.TOOLWRIGHT_API_KEY;
      return key ? `key:${hashKey(key)}` : null;
    },
    toolInfo: (name) => {
      const tool = catalog.get(name);
      return tool ? { category: tool.category, feature: tool.feature } : undefined;
    },
    // In compact mode, record the tool that call-tool ran, not call-tool itself.
    unwrapTool: compactToolUnwrapper,
    redact: settings.TOOLWRIGHT_API_KEY ? [settings.TOOLWRIGHT_API_KEY] : [],
    redactRequestCredentials: true,
    serverInfo: { name: "toolwright-demo" },
  });
}
