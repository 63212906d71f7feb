import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { AnalyticsEvent } from "../events/analytics-event.js";
import { createPostHogSink } from "./posthog-sink.js";

interface Received {
  path: string;
  encoding: string | undefined;
  body: { api_key: string; batch: AnalyticsEvent[] };
}

const servers: Server[] = [];

// A local stand-in for PostHog's ingestion: decodes gzip and answers with the given statuses in turn.
async function captureServer(statuses: number[] = []) {
  const received: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const encoding = request.headers["content-encoding"];
    const text = (encoding === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
    received.push({ path: request.url ?? "", encoding, body: JSON.parse(text) });
    response.statusCode = statuses.shift() ?? 200;
    response.end("{}");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, host: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const event: AnalyticsEvent = {
  event: "$mcp_tool_call",
  distinct_id: "user-1",
  properties: { $mcp_tool_name: "ping" },
  timestamp: "2026-01-01T00:00:00.000Z",
  uuid: "0190a2b4-0000-7000-8000-000000000000",
};

describe("createPostHogSink", () => {
  it("posts gzip-compressed batches to /batch/ with the API key", async () => {
    const { received, host } = await captureServer();
    const sink = createPostHogSink({ apiKey: "phc_test", host });
    await sink.send([event, { ...event, distinct_id: "user-2" }]);
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe("/batch/");
    expect(received[0]?.encoding).toBe("gzip");
    expect(received[0]?.body.api_key).toBe("phc_test");
    expect(received[0]?.body.batch.map((item) => item.distinct_id)).toEqual(["user-1", "user-2"]);
  });

  it("retries 503 and 429 with backoff, then succeeds", async () => {
    const { received, host } = await captureServer([503, 429]);
    const sink = createPostHogSink({ apiKey: "phc_test", host, retryDelayMs: 5 });
    await sink.send([event]);
    expect(received).toHaveLength(3);
  });

  it("gives up after maxRetries and does not retry a 400", async () => {
    const failing = await captureServer([500, 500, 500]);
    await expect(
      createPostHogSink({ apiKey: "k", host: failing.host, retryDelayMs: 1, maxRetries: 2 }).send([event]),
    ).rejects.toThrow(/HTTP 500/);
    expect(failing.received).toHaveLength(3);
    const rejecting = await captureServer([400]);
    await expect(createPostHogSink({ apiKey: "k", host: rejecting.host }).send([event])).rejects.toThrow(
      /HTTP 400; check the API key/,
    );
    expect(rejecting.received).toHaveLength(1);
  });

  it("sends plain JSON when gzip is off, and flush waits for requests in flight", async () => {
    const { received, host } = await captureServer();
    const sink = createPostHogSink({ apiKey: "k", host, gzip: false });
    void sink.send([event]);
    await sink.flush?.();
    expect(received[0]?.encoding).toBeUndefined();
    expect(received[0]?.body.batch).toHaveLength(1);
  });

  it("sends through a custom fetch when one is given", async () => {
    const { received, host } = await captureServer([503]);
    const urls: string[] = [];
    const sink = createPostHogSink({
      apiKey: "k",
      host,
      retryDelayMs: 1,
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    await sink.send([event]);
    expect(urls).toEqual([`${host}/batch/`, `${host}/batch/`]);
    expect(received).toHaveLength(2);
  });

  it.each([true, false])(
    "serialises a large batch exactly as JSON.stringify would, giving the loop turns meanwhile (gzip %s)",
    async (gzip) => {
      // 40 events of about 50 kB: many compression chunks, far more than one slice of work.
      const events = Array.from({ length: 40 }, (_, index) => ({
        ...event,
        distinct_id: `user-${index}`,
        properties: { $mcp_tool_name: "list", $mcp_response: `"q\\u00e9 ${index} ${"x".repeat(50_000)}` },
      }));
      const posted: { body: Buffer; encoding: string | undefined; turnsBefore: number }[] = [];
      let turns = 0;
      const countTurns = () => {
        turns++;
        if (turns < 10_000) setImmediate(countTurns);
      };
      const sink = createPostHogSink({
        apiKey: "phc_test",
        gzip,
        fetch: async (_input, init) => {
          const headers = init?.headers as Record<string, string>;
          posted.push({
            body: init?.body as Buffer,
            encoding: headers["content-encoding"],
            turnsBefore: turns,
          });
          return new Response("{}", { status: 200 });
        },
      });
      setImmediate(countTurns);
      await sink.send(events);
      expect(posted).toHaveLength(1);
      const sent = posted[0];
      if (!sent) throw new Error("nothing was posted");
      expect(sent.encoding).toBe(gzip ? "gzip" : undefined);
      const text = (gzip ? gunzipSync(sent.body) : sent.body).toString("utf8");
      const { sent_at } = JSON.parse(text) as { sent_at: string };
      expect(text).toBe(JSON.stringify({ api_key: "phc_test", batch: events, sent_at }));
      // Serialised in slices: other work ran between them before the request went out.
      expect(sent.turnsBefore).toBeGreaterThan(1);
    },
  );

  it("requires an API key", () => {
    expect(() => createPostHogSink({ apiKey: "" })).toThrow(/apiKey/);
  });
});
