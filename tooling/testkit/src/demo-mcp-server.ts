import { demoServer } from "@toolwright/mcp-server/server-options";
import { readSettings } from "@toolwright/mcp-server/settings";
import { type HttpAppOptions, type RunningHttpServer, serveHttp } from "@toolwright/server";

/**
 * Another demo MCP server (analytics off) in front of any upstream, for suites that need a second
 * server beside a stack, e.g. one pointed at a faulty proxy or at a closed port.
 */
export async function startDemoMcpServer(
  upstream: string,
  overrides: Partial<HttpAppOptions> = {},
): Promise<RunningHttpServer> {
  const settings = readSettings({
    TOOLWRIGHT_UPSTREAM: upstream,
    TOOLWRIGHT_ANALYTICS: "off",
    TOOLWRIGHT_CONFIRM_SECRET: "test-confirmation-secret-of-at-least-32-bytes",
  });
  return serveHttp({ ...demoServer(settings).options, upstream, ...overrides, port: 0 });
}
