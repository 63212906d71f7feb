// A reference, not a peer: the least any server between an agent and the API must do. Plain
// node:http, no MCP library, no checks: it reads the JSON-RPC request, makes the same GET of the demo
// API over a keep-alive agent and answers the body as the text of a tool result. What it adds to the
// direct call is the cost of the hop itself. Benchmark only.
import http from "node:http";
import { PORT, ready, UPSTREAM } from "./upstream.mjs";

const upstream = new URL(UPSTREAM);
const agent = new http.Agent({ keepAlive: true });

function personsBody(authorization) {
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: "/api/persons",
          agent,
          headers: { authorization, accept: "application/json" },
        },
        (answer) => {
          const chunks = [];
          answer.on("data", (chunk) => chunks.push(chunk));
          answer.on("end", () =>
            answer.statusCode === 200
              ? resolve(Buffer.concat(chunks).toString("utf8"))
              : reject(new Error(`upstream answered ${answer.statusCode}`)),
          );
          answer.on("error", reject);
        },
      )
      .on("error", reject);
  });
}

http
  .createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", async () => {
      const message = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      try {
        const text = await personsBody(request.headers.authorization ?? "");
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ result: { content: [{ type: "text", text }] }, jsonrpc: "2.0", id: message.id }),
        );
      } catch (error) {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ jsonrpc: "2.0", id: message.id, error: { code: -32603, message: String(error) } }),
        );
      }
    });
  })
  .listen(PORT, "127.0.0.1", ready);
