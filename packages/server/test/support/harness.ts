import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { createCatalog } from "../../src/catalog/create-catalog.js";
import type { HandwrittenTool } from "../../src/catalog/define-tool.js";
import { type ServeHttpOptions, serveHttp } from "../../src/http/serve-http.js";
import { testDefinitions } from "./catalog.js";
import { connectHttp } from "./client.js";
import { startUpstream } from "./upstream.js";

export const SECRET = "a-test-confirmation-secret-of-at-least-32-bytes";

/** A real upstream and a real MCP server over HTTP on 127.0.0.1, plus a client factory. */
export async function startHarness(options: Partial<ServeHttpOptions> & { tools?: HandwrittenTool[] } = {}) {
  const upstream = await startUpstream();
  const { tools, ...rest } = options;
  const server = await serveHttp({
    catalog: createCatalog({ definitions: testDefinitions(upstream.url), ...(tools ? { tools } : {}) }),
    port: 0,
    confirmation: { secret: SECRET },
    logger: { warn: () => {}, error: () => {} },
    ...rest,
  });
  const clients: Client[] = [];
  return {
    upstream,
    url: server.url,
    async connect(key: string | undefined, connectOptions?: Parameters<typeof connectHttp>[2]) {
      const client = await connectHttp(server.url, key, connectOptions);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
      await upstream.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Names of the tools a client lists. */
export async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name);
}
