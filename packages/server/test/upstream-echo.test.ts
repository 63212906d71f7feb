// Some upstreams echo the request's Authorization header in their error bodies; the caller's key
// must not travel back to the agent in the isError text.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendUpstream } from "../src/upstream/upstream-client.js";
import { describeUpstreamFailure } from "../src/upstream/upstream-failure.js";

const KEYS = ["tw_demo_admin", "tw_canaryWithoutAnyDigitsAtAllXyzw", "opaque-caller-key"];

describe("an upstream that echoes the caller's credentials", () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(request.url === "/text" ? 403 : 500, { "content-type": "application/json" });
      const message = `request failed for ${request.headers.authorization} (key=${request.headers.authorization?.slice(7)})`;
      response.end(request.url === "/text" ? message : JSON.stringify({ error: "internal", message }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(KEYS.flatMap((key) => [["/json", key] as const, ["/text", key] as const]))(
    "keeps the key out of the failure and its message (%s, %s)",
    async (path, key) => {
      const request = { method: "POST", url: new URL(path, origin), headers: new Headers(), body: "{}" };
      const outcome = await sendUpstream(request, key, new AbortController().signal);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const message = describeUpstreamFailure(outcome.failure);
      expect(message).toContain("request failed for Bearer [REDACTED]");
      expect(JSON.stringify(outcome.failure)).not.toContain(key);
      expect(message).not.toContain(key);
    },
  );
});
