// The demo MCP server over Streamable HTTP (`pnpm start` runs it beside the demo API).
import { serveHttp } from "@toolwright/server";
import { banner } from "./banner.js";
import { flushAnalytics } from "./flush-analytics.js";
import { demoServer } from "./server-options.js";
import { readSettings } from "./settings.js";
import { waitForUpstream } from "./wait-for-upstream.js";

const settings = readSettings();
if (settings.TOOLWRIGHT_WAIT_FOR_UPSTREAM) await waitForUpstream(settings.TOOLWRIGHT_UPSTREAM, 30_000);
const { options, analytics } = demoServer(settings);
const running = await serveHttp({
  ...options,
  host: settings.TOOLWRIGHT_HOST,
  port: settings.TOOLWRIGHT_PORT,
});
console.log(
  banner(
    running.url,
    settings.TOOLWRIGHT_UPSTREAM,
    analytics ? settings.TOOLWRIGHT_EVENTS_FILE : null,
    options.oauth?.issuer,
  ),
);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  // Stop taking requests (bounded, so a stuck connection cannot hold the flush), then flush what they recorded.
  const deadline = settings.TOOLWRIGHT_ANALYTICS_SHUTDOWN_MS;
  await Promise.race([running.close(), new Promise((resolve) => setTimeout(resolve, deadline).unref())]);
  await flushAnalytics(analytics, deadline);
  await options.state?.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
