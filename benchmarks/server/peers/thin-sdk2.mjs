// A thin MCP server on SDK 2.x: `createMcpHandler` (2025-era requests through its stateless
// fallback) served by @hono/node-server, one tool forwarding to the demo API. Benchmark peer only.
import { serve } from "@hono/node-server";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { PORT, personsText, ready } from "./upstream.mjs";

const handler = createMcpHandler(
  ({ requestInfo }) => {
    const server = new McpServer({ name: "thin-sdk2", version: "1.0.0" });
    const authorization = requestInfo?.headers.get("authorization") ?? "";
    server.registerTool("persons-list", { description: "List persons" }, async () => ({
      content: [{ type: "text", text: await personsText(authorization) }],
    }));
    return server;
  },
  { responseMode: "json" },
);

serve({ fetch: (request) => handler.fetch(request), port: PORT, hostname: "127.0.0.1" }, ready);
