import type { AuthorizationServerOptions } from "./authorization-server.js";
import { DEFAULT_AUTH_PORT } from "./authorization-server.js";

const DEFAULT_MCP_RESOURCES = ["http://127.0.0.1:3333/mcp", "http://localhost:3333/mcp"];

/**
 * The AS settings from the environment: `DEMO_AUTH_PORT` (default 4011, or a free port when the API
 * takes one), `DEMO_AUTH_MCP_RESOURCES` (comma-separated MCP server URLs it issues tokens for) and
 * `DEMO_AUTH_MCP_CLIENT_SECRET` (the MCP server's secret at the AS).
 */
export function authOptionsFromEnvironment(
  freePort: boolean,
  environment: NodeJS.ProcessEnv = process.env,
): Omit<AuthorizationServerOptions, "apiResource"> {
  const raw = environment.DEMO_AUTH_PORT;
  let port = freePort ? 0 : DEFAULT_AUTH_PORT;
  if (raw !== undefined && raw !== "") {
    port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`DEMO_AUTH_PORT must be a port number (0-65535), got '${raw}'`);
    }
  }
  const resources = environment.DEMO_AUTH_MCP_RESOURCES?.split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  return {
    port,
    mcpResources: resources && resources.length > 0 ? resources : DEFAULT_MCP_RESOURCES,
    ...(environment.DEMO_AUTH_MCP_CLIENT_SECRET
      ? { mcpClientSecret: environment.DEMO_AUTH_MCP_CLIENT_SECRET }
      : {}),
  };
}
