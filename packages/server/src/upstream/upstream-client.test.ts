import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UpstreamHttpRequest } from "./build-request.js";
import { sendUpstream } from "./upstream-client.js";
import { describeUpstreamFailure } from "./upstream-failure.js";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const KEY = "tw_live_abcdefghijklmnopqrstuvwxyz012345";
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();

function listen(handler: Handler): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

let upstream: { server: Server; origin: string };
let elsewhere: { server: Server; origin: string };

beforeAll(async () => {
  upstream = await listen((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  elsewhere = await listen((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end('{"stolen":true}');
  });
});

afterAll(async () => {
  for (const { server } of [upstream, elsewhere]) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

function request(path: string, method = "GET"): UpstreamHttpRequest {
  return { method, url: new URL(path, upstream.origin), headers: {}, body: undefined } as UpstreamHttpRequest;
}

function send(
  path: string,
  options: { method?: string; maxResponseBytes?: number; timeoutMs?: number } = {},
) {
  return sendUpstream(request(path, options.method), KEY, new AbortController().signal, {
    maxResponseBytes: options.maxResponseBytes ?? 1_000,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}

function failureOf(outcome: Awaited<ReturnType<typeof send>>) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.data)}`);
  return outcome.failure;
}

describe("sendUpstream reading the answer", () => {
  it("refuses an answer declared larger than the cap without reading it", async () => {
    routes.set("/declared", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": 5_000 });
      response.end(`"${"a".repeat(4_998)}"`);
    });
    const failure = failureOf(await send("/declared"));
    expect(failure).toEqual({ kind: "too_large", status: 200, limitBytes: 1_000, declaredBytes: 5_000 });
    expect(describeUpstreamFailure(failure)).toMatch(
      /more than 1000 bytes \(5000 declared\).*Narrow the request/,
    );
  });

  it("stops a chunked answer at the cap", async () => {
    routes.set("/chunked", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      for (let index = 0; index < 20; index++) response.write(`${"[".repeat(100)}`);
      response.end();
    });
    expect(failureOf(await send("/chunked"))).toMatchObject({ kind: "too_large", declaredBytes: null });
  });

  it("returns an answer within the cap", async () => {
    routes.set("/small", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":1}');
    });
    expect(await send("/small")).toEqual({ ok: true, status: 200, data: { ok: 1 } });
  });

  it("reads only the start of a huge error body, and redacts the key it echoes", async () => {
    routes.set("/error", (_request, response) => {
      response.writeHead(500, { "content-type": "text/html" });
      response.write(`<html>Bad key ${KEY} ${"x".repeat(200)} `);
      response.end(`${"<p>filler</p> ".repeat(200_000)}`);
    });
    const failure = failureOf(await send("/error", { method: "POST" }));
    expect(failure.kind).toBe("http");
    const detail = (failure as { detail: string }).detail;
    expect(detail).not.toContain(KEY);
    expect(detail.length).toBeLessThanOrEqual(501);
    expect(detail.endsWith("…")).toBe(true);
  });

  it("drops a key cut in half at the detail limit instead of showing its start", async () => {
    routes.set("/cut-key", (_request, response) => {
      response.writeHead(400, { "content-type": "text/plain" });
      response.end(`${"word ".repeat(199)}${KEY}${"z".repeat(2_000)}`);
    });
    const detail = (failureOf(await send("/cut-key", { method: "POST" })) as { detail: string }).detail;
    expect(detail).not.toContain(KEY.slice(0, 12));
  });

  it("does not follow a redirect to another origin, and says where it pointed", async () => {
    routes.set("/away", (_request, response) => {
      response.writeHead(302, { location: `${elsewhere.origin}/steal?token=secret-value` }).end();
    });
    const failure = failureOf(await send("/away"));
    expect(failure).toEqual({
      kind: "redirect",
      status: 302,
      location: `${elsewhere.origin}/steal`,
      crossOrigin: true,
    });
    const message = describeUpstreamFailure(failure);
    expect(message).toContain(`${elsewhere.origin}/steal`);
    expect(message).not.toContain("secret-value");
  });

  it("follows a same-origin redirect of a read, but not of a write", async () => {
    routes.set("/moved", (_request, response) => {
      response.writeHead(301, { location: "/small" }).end();
    });
    expect(await send("/moved")).toEqual({ ok: true, status: 200, data: { ok: 1 } });
    expect(failureOf(await send("/moved", { method: "POST" }))).toMatchObject({
      kind: "redirect",
      crossOrigin: false,
    });
  });

  it("stops after a few same-origin hops", async () => {
    routes.set("/loop", (_request, response) => {
      response.writeHead(302, { location: "/loop" }).end();
    });
    hits.set("/loop", 0);
    expect(failureOf(await send("/loop"))).toMatchObject({ kind: "redirect", status: 302 });
    expect(hits.get("/loop")).toBe(4);
  });

  it("reports an answer cut off before its declared length", async () => {
    routes.set("/truncated", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": 100 });
      // Destroy only once the headers and the first bytes are on the wire.
      response.write('{"partial":', () => setImmediate(() => response.socket?.destroy()));
    });
    hits.set("/truncated", 0);
    const failure = failureOf(await send("/truncated"));
    expect(failure).toMatchObject({ kind: "incomplete", status: 200 });
    expect(describeUpstreamFailure(failure)).toContain("ended before it was complete");
    expect(hits.get("/truncated")).toBe(2);
  });

  it("reports JSON that was promised and not delivered", async () => {
    routes.set("/lying", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end("<html>surprise</html>");
    });
    expect(failureOf(await send("/lying"))).toEqual({
      kind: "invalid_json",
      status: 200,
      contentType: "application/json",
    });
  });

  it("times out an answer whose body never finishes", async () => {
    routes.set("/slow", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write("[");
    });
    expect(failureOf(await send("/slow", { timeoutMs: 300 }))).toEqual({ kind: "timeout", timeoutMs: 300 });
  });
});
