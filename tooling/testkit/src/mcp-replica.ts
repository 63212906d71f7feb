import { demoServer } from "@toolwright/mcp-server/server-options";
import { readSettings } from "@toolwright/mcp-server/settings";
import { type HttpAppOptions, type RunningHttpServer, serveHttp } from "@toolwright/server";

/** The confirmation secret demo-stack's server uses, so servers started here accept each other's tokens. */
export const TEST_CONFIRM_SECRET = "test-confirmation-secret-of-at-least-32-bytes";

/**
 * Another demo MCP server on a free port of 127.0.0.1 in front of `upstream` (a second replica, or a
 * server behind a fault proxy), built from the same settings as demo-stack's, plus overrides.
 */
export async function startMcpReplica(
  upstream: string,
  overrides: Partial<HttpAppOptions> = {},
): Promise<RunningHttpServer> {
  const settings = readSettings({
    TOOLWRIGHT_UPSTREAM: upstream,
    TOOLWRIGHT_ANALYTICS: "off",
    TOOLWRIGHT_CONFIRM_SECRET: TEST_CONFIRM_SECRET,
  });
  return serveHttp({ ...demoServer(settings).options, ...overrides, port: 0 });
}
