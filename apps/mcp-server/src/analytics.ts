import {
  createJsonlFileSink,
  createPostHogSink,
  createRecorder,
  type Recorder,
  type Sink,
} from "@toolwright/analytics";
import { type Catalog, compactToolUnwrapper } from "@toolwright/server";
import type { Settings } from "./settings.js";

function sinkFor(settings: Settings): Sink | null {
  if (settings.TOOLWRIGHT_ANALYTICS === "off") return null;
  if (settings.TOOLWRIGHT_ANALYTICS === "posthog") {
    if (!settings.POSTHOG_API_KEY) throw new Error("TOOLWRIGHT_ANALYTICS=posthog needs POSTHOG_API_KEY");
    return createPostHogSink({ apiKey: settings.POSTHOG_API_KEY, host: settings.POSTHOG_HOST });
  }
  return createJsonlFileSink({
    path: settings.TOOLWRIGHT_EVENTS_FILE,
    maxBytes: settings.TOOLWRIGHT_EVENTS_MAX_BYTES,
  });
}

/**
 * One recorder shared by every per-request MCP server; each server is instrumented with its resolved
 * caller (`callerIdentity` of `@toolwright/server`). Results stay out of events unless TOOLWRIGHT_ANALYTICS_RESPONSES is
 * on (they hold people's e-mails); error messages are kept. Agents are asked for the purpose of each
 * call (`context`) and to echo a `conversation_id`, which becomes the session. The upstream key a stdio
 * server holds, and each HTTP caller's own bearer key, are redacted wherever they could appear.
 */
export function demoAnalytics(settings: Settings, catalog: Catalog, sinkOverride?: Sink): Recorder | null {
  const sink = sinkOverride ?? sinkFor(settings);
  if (!sink) return null;
  return createRecorder({
    sink,
    context: true,
    conversationId: true,
    captureResponse: settings.TOOLWRIGHT_ANALYTICS_RESPONSES,
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
