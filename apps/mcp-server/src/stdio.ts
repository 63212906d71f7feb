// The demo MCP server over stdio, for desktop clients: the caller's key comes from TOOLWRIGHT_API_KEY.
// Nothing but protocol messages may reach stdout.
import { serveStdio } from "@toolwright/server";
import { demoServer } from "./server-options.js";
import { readSettings } from "./settings.js";

const settings = readSettings();
const { options, analytics } = demoServer(settings);
try {
  const { closed } = await serveStdio({
    ...options,
    ...(settings.TOOLWRIGHT_API_KEY ? { apiKey: settings.TOOLWRIGHT_API_KEY } : {}),
  });
  await closed;
  await analytics?.shutdown();
  process.exit(0);
} catch (error) {
  console.error(`toolwright-demo (stdio): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
