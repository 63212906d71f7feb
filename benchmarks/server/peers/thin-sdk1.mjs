// A thin MCP server on SDK 1.x (stateless Streamable HTTP, JSON answers): the pattern the SDK's
// README shows, with one tool that forwards to the demo API. Benchmark peer only.
import http from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { PORT, personsText, ready } from "./upstream.mjs";

function build(authorization) {
  const server = new McpServer({ name: "thin-sdk1", version: "1.0.0" });
  server.registerTool("persons-list", { description: "List persons" }, async () => ({
    content: [{ type: "text", text: await personsText(authorization) }],
  }));
  return server;
}

http
  .createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const server = build(request.headers.authorization ?? "");
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    response.on("close", () => {
      transport.close();
      server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, JSON.parse(Buffer.concat(chunks).toString("utf8")));
  })
  .listen(PORT, "127.0.0.1", ready);
