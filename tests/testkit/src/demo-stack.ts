import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemorySink, type MemorySink } from "@toolwright/analytics";
import { DEMO_KEYS, type RunningDemoApi, startDemoApi } from "@toolwright/demo-api";
import { demoServer } from "@toolwright/mcp-server/server-options";
import { type RunningHttpServer, type ServeHttpOptions, serveHttp } from "@toolwright/server";
import { testServerSettings } from "./demo-mcp-server.js";

/** The demo API and its MCP server, both on 127.0.0.1 with free ports and a fresh SQLite file. */
export interface DemoStack {
  api: RunningDemoApi;
  mcp: RunningHttpServer;
  /** Events the MCP server recorded, when started with `analytics: true`. */
  events: MemorySink | null;
  keys: typeof DEMO_KEYS;
  close(): Promise<void>;
}

export interface DemoStackOptions {
  /** Record analytics into a memory sink (default false). */
  analytics?: boolean;
  /** Extra or overriding server options (e.g. a short timeout, another upstream). */
  server?: Partial<ServeHttpOptions>;
  /** Environment for the app's settings (e.g. TOOLWRIGHT_MODE). */
  environment?: Record<string, string>;
}

/** Starts the demo stack the way `pnpm start` does, in-process; `close()` stops both and deletes the data. */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const directory = mkdtempSync(join(tmpdir(), "toolwright-stack-"));
  const api = await startDemoApi({ port: 0, dbPath: join(directory, "demo.db") });
  const events = options.analytics ? createMemorySink() : null;
  // With analytics on, the app's own recorder (as deployed) writes to the memory sink.
  const demo = demoServer(
    testServerSettings(api.url, options.environment),
    events ? { analyticsSink: events } : {},
  );
  const mcp = await serveHttp({ ...demo.options, ...options.server, port: 0 });
  return {
    api,
    mcp,
    events,
    keys: DEMO_KEYS,
    async close() {
      await mcp.close();
      await demo.analytics?.shutdown();
      await api.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
