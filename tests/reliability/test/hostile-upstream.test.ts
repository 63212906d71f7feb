// Suite 7: a hostile upstream (huge, slow, redirecting, truncated and lying answers) and hostile
// clients (aborted uploads, slow headers and bodies, forged Host headers, re-spelled confirmation
// tokens) against the demo MCP server running in its own process, so its memory is measured alone.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { type RunningDemoApi, startDemoApi } from "@toolwright/demo-api";
import { callTool, connectClient, resultText } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseFingerprint } from "./support/database-fingerprint.js";
import { recordFigures } from "./support/figures.js";
import { startHealthzPoller } from "./support/healthz-poller.js";
import { type HostileUpstream, startHostileUpstream } from "./support/hostile-upstream.js";
import { hasStackTrace } from "./support/json-rpc-reply.js";
import { type McpServerProcess, startMcpServerProcess } from "./support/mcp-server-process.js";

const ADMIN = "tw_demo_admin";
const HUGE_BYTES = 60 * 1024 * 1024;
const CONCURRENT = 8;
/** The stated bound: the server's peak RSS with 8 concurrent 60 MB answers (each read at most 5 MB). */
const PEAK_RSS_BOUND_MIB = 400;
const CONFIRM_SECRET = "hostile-suite-confirm-secret-0123456789abcdef";

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** One raw HTTP/1.1 exchange on a fresh socket: what arrived until `until` matched or the server closed. */
function rawExchange(
  port: number,
  text: string,
  options: { until?: RegExp; withinMs?: number; thenDestroy?: boolean } = {},
): Promise<{ received: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      resolve({ received, closed });
      socket.destroy();
    };
    const timer = setTimeout(finish, options.withinMs ?? 30_000);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      if (options.until?.test(received)) finish();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      finish();
    });
    socket.write(text);
  });
}

describe("hostile upstream and hostile clients", () => {
  const folder = mkdtempSync(join(tmpdir(), "toolwright-hostile-"));
  let api: RunningDemoApi;
  let upstream: HostileUpstream;
  let elsewhere: Server;
  let elsewhereHits = 0;
  let server: McpServerProcess;
  let client: Client;
  let port: number;
  const figures: Record<string, number | string> = {};

  beforeAll(async () => {
    api = await startDemoApi({ port: 0, dbPath: join(folder, "demo.db") });
    upstream = await startHostileUpstream(api.url);
    elsewhere = createServer((_request, response) => {
      elsewhereHits += 1;
      response.writeHead(200, { "content-type": "application/json" }).end('{"count":1,"results":["stolen"]}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    server = await startMcpServerProcess({
      TOOLWRIGHT_UPSTREAM: upstream.url,
      TOOLWRIGHT_CONFIRM_SECRET: CONFIRM_SECRET,
      TOOLWRIGHT_UPSTREAM_TIMEOUT_MS: "2000",
      TOOLWRIGHT_HEADERS_TIMEOUT_MS: "1000",
      TOOLWRIGHT_REQUEST_TIMEOUT_MS: "2000",
      TOOLWRIGHT_LOG_LEVEL: "debug",
    });
    port = Number(new URL(server.url).port);
    client = await connectClient(server.url, ADMIN);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    const code = await server?.stop();
    figures.exitCode = code ?? "none";
    await upstream?.close();
    elsewhere?.closeAllConnections();
    await new Promise((resolve) => elsewhere?.close(resolve));
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
    recordFigures("hostile-upstream", figures);
  });

  async function personsList() {
    return callTool(client, "persons-list", { limit: 5 });
  }

  it("serves persons-list normally through the pass-through upstream", async () => {
    upstream.mode = { kind: "pass" };
    const result = await personsList();
    expect(result.isError, resultText(result)).toBeFalsy();
  });

  it("8 concurrent 60 MB answers: clean isError results, bounded memory, /healthz keeps answering", {
    timeout: 180_000,
  }, async () => {
    upstream.mode = { kind: "huge", bytes: HUGE_BYTES };
    const before = server.memory();
    const quiet = await startHealthzPoller(`http://127.0.0.1:${port}/healthz`);
    await quiet.samples(20);
    const quietLatencies = await quiet.stop();
    const poller = await startHealthzPoller(`http://127.0.0.1:${port}/healthz`);
    const offeredBefore = upstream.bytesOffered;
    const results = await Promise.all(Array.from({ length: CONCURRENT }, () => personsList()));
    const latencies = await poller.stop();
    for (const result of results) {
      expect(result.isError).toBe(true);
      expect(resultText(result)).toMatch(/more than 5000000 bytes, over this server's limit/);
      expect(hasStackTrace(resultText(result))).toBe(false);
    }
    const after = server.memory();
    Object.assign(figures, {
      rssBeforeMiB: Math.round(before.rssMiB),
      peakRssBeforeMiB: Math.round(before.peakMiB),
      peakRssDuringMiB: Math.round(after.peakMiB),
      rssAfterMiB: Math.round(after.rssMiB),
      healthzQuietMedianMs: Math.round(median(quietLatencies)),
      healthzSamples: latencies.length,
      healthzMedianMs: Math.round(median(latencies)),
      healthzMaxMs: Math.round(Math.max(...latencies)),
      offeredMiB: Math.round((upstream.bytesOffered - offeredBefore) / 1024 / 1024),
      answerBytes: HUGE_BYTES,
      concurrent: CONCURRENT,
    });
    expect(after.peakMiB).toBeLessThan(PEAK_RSS_BOUND_MIB);
    // A generous bound only: the figure itself goes to docs/reliability.md.
    expect(latencies.every(Number.isFinite)).toBe(true);
    expect(Math.max(...latencies)).toBeLessThan(10_000);
  });

  it("an answer declared larger than the cap is refused without being read", async () => {
    upstream.mode = { kind: "huge", bytes: HUGE_BYTES, declared: true };
    const result = await personsList();
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain(`(${HUGE_BYTES} declared)`);
  });

  it("a 20 MB HTML 500 that echoes the key: a short, redacted explanation", async () => {
    upstream.mode = { kind: "huge-error", bytes: 20 * 1024 * 1024 };
    const result = await personsList();
    expect(result.isError).toBe(true);
    const text = resultText(result);
    expect(text).toContain("HTTP 500");
    expect(text).not.toContain(ADMIN);
    expect(text.length).toBeLessThan(1_500);
  });

  it("a redirect to another origin is not followed, and the result says where it pointed", async () => {
    const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    upstream.mode = { kind: "redirect", location: `${other}/api/persons?session=abc` };
    const result = await personsList();
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain(`redirected (HTTP 302) to ${other}/api/persons`);
    expect(resultText(result)).not.toContain("session=abc");
    expect(elsewhereHits).toBe(0);
  });

  it("a truncated answer, a lying content-type and a stalled body each end clearly", async () => {
    const cases = [
      { mode: { kind: "truncated" } as const, expected: /ended before it was complete/ },
      { mode: { kind: "lying" } as const, expected: /not valid JSON \(content-type application\/json\)/ },
      { mode: { kind: "stall" } as const, expected: /did not answer within 2 s/ },
    ];
    for (const { mode, expected } of cases) {
      upstream.mode = mode;
      const result = await personsList();
      expect(result.isError, mode.kind).toBe(true);
      expect(resultText(result), mode.kind).toMatch(expected);
    }
    upstream.mode = { kind: "pass" };
  });

  it("200 aborted uploads (content-length 50, 4 bytes, close): one debug line each, no trace", {
    timeout: 120_000,
  }, async () => {
    const aborts = 200;
    const head = [
      "POST /mcp HTTP/1.1",
      `Host: 127.0.0.1:${port}`,
      `Authorization: Bearer ${ADMIN}`,
      "Content-Type: application/json",
      "Accept: application/json, text/event-stream",
      "Content-Length: 50",
      "Expect: 100-continue",
      "",
      "",
    ].join("\r\n");
    const baseline = server.stderr().length;
    for (let index = 0; index < aborts; index++) {
      await new Promise<void>((resolve) => {
        const socket = connect(port, "127.0.0.1");
        socket.on("error", () => {});
        socket.on("data", (data) => {
          // The 100 Continue says the server holds the request; then 4 bytes and gone.
          if (data.toString("latin1").startsWith("HTTP/1.1 100")) {
            socket.write('{"js');
            socket.destroy();
            resolve();
          }
        });
        socket.on("close", () => resolve());
        socket.write(head);
      });
    }
    const seen = await server.stderrMatches(/the client went away/, aborts, 60_000);
    const written = server.stderr().slice(baseline);
    figures.abortDebugLines = seen;
    figures.abortStderrBytes = written.length;
    expect(seen).toBe(aborts);
    expect(hasStackTrace(written)).toBe(false);
    expect(written).not.toMatch(/ECONNRESET|Error: aborted/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it("slow clients: partial headers are cut off; an unauthenticated partial body is refused at once", async () => {
    const headers = await rawExchange(port, `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    expect(headers.closed).toBe(true);
    const body = await rawExchange(
      port,
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"js`,
    );
    expect(body.received).toMatch(/^HTTP\/1\.1 401 /);
    expect(body.received).toMatch(/\r\nconnection: close\r\n/i);
    expect(body.closed).toBe(true);
    const authenticated = await rawExchange(
      port,
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${ADMIN}\r\nContent-Length: 1000\r\n\r\n{"js`,
    );
    expect(authenticated.closed).toBe(true);
  });

  it("a forged Host gets 421 and appears in no URL; an allowed one is used", async () => {
    const forged = await rawExchange(
      port,
      "POST /mcp HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    expect(forged.received).toMatch(/^HTTP\/1\.1 421 /);
    expect(forged.received).not.toContain("evil.example");
    const metadata = await rawExchange(
      port,
      "GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    expect(metadata.received).toMatch(/^HTTP\/1\.1 421 /);
    const allowed = await rawExchange(
      port,
      `GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(allowed.received).toContain(`"resource":"http://localhost:${port}/mcp"`);
  });

  it("a confirmation token spelled differently (padding appended) is refused; the real one runs once", async () => {
    const alerts = await callTool(client, "alerts-list", { limit: 1 });
    const alertId = (JSON.parse(resultText(alerts)) as { results: Array<{ id: number }> }).results[0]?.id;
    expect(alertId).toBeDefined();
    const prepared = await callTool(client, "alert-delete", { id: alertId });
    const token =
      /"confirmation_token":\s*"([^"]+)"/.exec(resultText(prepared))?.[1] ??
      /(twc1\.[\w-]+\.[\w-]+)/.exec(resultText(prepared))?.[1];
    expect(token, resultText(prepared)).toBeDefined();
    const fingerprint = databaseFingerprint(api.dbPath);
    for (const variant of [`${token}=`, `${token}==`, `${token} `]) {
      const refused = await callTool(client, "alert-delete", { id: alertId, confirmation_token: variant });
      expect(refused.isError, variant).toBe(true);
      expect(resultText(refused)).toMatch(/not one this server issued/);
    }
    expect(databaseFingerprint(api.dbPath)).toBe(fingerprint);
    const executed = await callTool(client, "alert-delete", { id: alertId, confirmation_token: token });
    expect(executed.isError, resultText(executed)).toBeFalsy();
  });
});
