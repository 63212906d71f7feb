// FastMCP in stateless HTTP-stream mode with JSON answers, one tool forwarding to the demo API.
// Benchmark peer only.
import { FastMCP } from "fastmcp";
import { PORT, personsText, ready } from "./upstream.mjs";

const server = new FastMCP({
  name: "fastmcp-peer",
  version: "1.0.0",
  authenticate: async (request) => ({ authorization: request.headers.authorization ?? "" }),
});
server.addTool({
  name: "persons-list",
  description: "List persons",
  execute: async (_args, context) => personsText(context.session?.authorization ?? ""),
});
await server.start({
  transportType: "httpStream",
  httpStream: { port: PORT, host: "127.0.0.1", stateless: true, enableJsonResponse: true },
});
ready();
