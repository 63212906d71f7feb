// The demo MCP server over stdio, for desktop clients: the caller's key comes from TOOLWRIGHT_API_KEY.
// Nothing but protocol messages may reach stdout.
import { serveStdio } from "@toolwright/server";
import { flushAnalytics } from "./flush-analytics.js";
import { demoServer } from "./server-options.js";
import { readSettings } from "./settings.js";

const settings = readSettings();
const { options, analytics } = demoServer(settings);
try {
  const { closed } = await serveStdio({
    ...options,
    ...(settings.TOOLWRIGHT_API_KEY ? { apiKey: settings.TOOLWRIGHT_API_KEY } : {}),
  });
  const stop = () =>
    void flushAnalytics(analytics, settings.TOOLWRIGHT_ANALYTICS_SHUTDOWN_MS).then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await closed;
  await flushAnalytics(analytics, settings.TOOLWRIGHT_ANALYTICS_SHUTDOWN_MS);
  process.exit(0);
} catch (error) {
  console.error(`toolwright-demo (stdio): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
