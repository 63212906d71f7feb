import { demoServer } from "@toolwright/mcp-server/server-options";
import { readSettings, type Settings } from "@toolwright/mcp-server/settings";
import { type RunningHttpServer, type ServeHttpOptions, serveHttp } from "@toolwright/server";

/** The confirmation secret every test server uses, so servers started here accept each other's tokens. */
export const TEST_CONFIRM_SECRET = "test-confirmation-secret-of-at-least-32-bytes";

/** The demo MCP server's settings for tests: analytics off, the shared confirmation secret, plus `environment`. */
export function testServerSettings(upstream: string, environment: Record<string, string> = {}): Settings {
  return readSettings({
    TOOLWRIGHT_UPSTREAM: upstream,
    TOOLWRIGHT_ANALYTICS: "off",
    TOOLWRIGHT_CONFIRM_SECRET: TEST_CONFIRM_SECRET,
    ...environment,
  });
}

/**
 * Another demo MCP server (analytics off) on a free port of 127.0.0.1 in front of any upstream, built
 * from the same settings as demo-stack's, plus overrides: a second replica beside a stack, or a server
 * pointed at a fault proxy or at a closed port.
 */
export async function startDemoMcpServer(
  upstream: string,
  overrides: Partial<ServeHttpOptions> = {},
): Promise<RunningHttpServer> {
  return serveHttp({ ...demoServer(testServerSettings(upstream)).options, upstream, ...overrides, port: 0 });
}
