// A local stand-in for PostHog ingestion on 127.0.0.1, run in its own process so its CPU is not
// counted against the variant being measured. Prints its port, then counts the events it receives.
import { createServer } from "node:http";

import { gunzipSync } from "node:zlib";

let events = 0;
let requests = 0;
const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  if (request.url === "/stats") {
    response.end(JSON.stringify({ events, requests }));
    return;
  }
  requests++;
  const raw = Buffer.concat(chunks);
  const text = (request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
  try {
    const body = JSON.parse(text);
    events += Array.isArray(body.batch) ? body.batch.length : 1;
  } catch {
    // posthog-node may send other formats; a request still counts.
  }
  response.setHeader("content-type", "application/json");
  response.end('{"status":1}');
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
