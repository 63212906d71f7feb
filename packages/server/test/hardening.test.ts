// The HTTP front door under hostile clients: aborted uploads, unauthenticated bodies held open, lying
// Host headers, slow headers and bodies, and too many connections from one address.

import { isToolwrightError } from "@toolwright/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCatalog } from "../src/catalog/create-catalog.js";
import { serveHttp } from "../src/http/serve-http.js";
import { testDefinitions } from "./support/catalog.js";
import { type Harness, startHarness } from "./support/harness.js";
import { openRawConnection, type RawConnection } from "./support/raw-connection.js";

function request(host: string, headers: string[], body = ""): string {
  return [
    `POST /mcp HTTP/1.1`,
    `Host: ${host}`,
    "Accept: application/json, text/event-stream",
    "Content-Type: application/json",
    ...headers,
    "",
    body,
  ].join("\r\n");
}

/** Resolves once `count` calls were recorded, or after a generous bound (the assertion then tells). */
function counter() {
  let seen = 0;
  let wake = () => {};
  return {
    hit() {
      seen++;
      wake();
    },
    get seen() {
      return seen;
    },
    reach(count: number, withinMs = 30_000): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, withinMs);
        wake = () => {
          if (seen >= count) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake();
      });
    },
  };
}

describe("aborted and unauthenticated requests", () => {
  let harness: Harness;
  let host: string;
  let port: number;
  const debug = counter();
  const errors: string[] = [];
  const connections: RawConnection[] = [];
  const open = async () => {
    const connection = await openRawConnection(port);
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    harness = await startHarness({
      logger: { warn: () => {}, error: (message) => errors.push(message), debug: () => debug.hit() },
    });
    host = new URL(harness.url).host;
    port = Number(new URL(harness.url).port);
  });
  afterEach(() => {
    for (const connection of connections.splice(0)) connection.destroy();
  });
  afterAll(() => harness.close());

  it("logs a client that aborts its body as one debug line each, never a trace", {
    timeout: 60_000,
  }, async () => {
    const stderr = vi.spyOn(process.stderr, "write");
    const consoleError = vi.spyOn(console, "error");
    const consoleInfo = vi.spyOn(console, "info");
    try {
      const aborts = 20;
      for (let index = 0; index < aborts; index++) {
        const connection = await open();
        // `Expect: 100-continue`: the interim answer says the server has the request in hand.
        connection.send(
          request(host, ["Authorization: Bearer admin", "Content-Length: 50", "Expect: 100-continue"]),
        );
        expect(await connection.received(/^HTTP\/1\.1 100 /, 30_000)).toMatch(/^HTTP\/1\.1 100 /);
        connection.send('{"js');
        connection.destroy();
      }
      await debug.reach(aborts);
      expect(debug.seen).toBe(aborts);
      expect(errors).toEqual([]);
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleInfo).not.toHaveBeenCalled();
      expect(stderr.mock.calls.map(([text]) => String(text)).join("")).not.toMatch(
        /aborted|ECONNRESET|\n\s+at /,
      );
    } finally {
      stderr.mockRestore();
      consoleError.mockRestore();
      consoleInfo.mockRestore();
    }
    // The server is still fine.
    expect((await fetch(`http://${host}/healthz`)).status).toBe(200);
  });

  it("refuses a request without a key from its headers, without waiting for the body, and closes", async () => {
    const connection = await open();
    const response = await connection.exchange(request(host, ["Content-Length: 1000"], '{"jsonrpc"'));
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    expect(await connection.closedWithin(30_000)).toBe(true);
  });

  it("refuses a wrong key the same way", async () => {
    const connection = await open();
    const response = await connection.exchange(
      request(host, ["Authorization: Bearer wrong-key", "Transfer-Encoding: chunked"], '5\r\n{"jso\r\n'),
    );
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(await connection.closedWithin(30_000)).toBe(true);
  });
});

describe("Host header", () => {
  let harness: Harness;
  let port: number;
  beforeAll(async () => {
    harness = await startHarness();
    port = Number(new URL(harness.url).port);
  });
  afterAll(() => harness.close());

  async function raw(host: string, path = "/mcp"): Promise<string> {
    const connection = await openRawConnection(port);
    try {
      const text =
        path === "/mcp"
          ? request(host, ["Content-Length: 2", "Connection: close"], "{}")
          : `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
      return await connection.exchange(text);
    } finally {
      connection.destroy();
    }
  }

  it("answers 421 to a Host that is not this server, and never names it", async () => {
    for (const path of ["/mcp", "/.well-known/oauth-protected-resource/mcp"]) {
      const response = await raw("evil.example", path);
      expect(response, path).toMatch(/^HTTP\/1\.1 421 /);
      expect(response).not.toContain("evil.example");
    }
    expect(await raw(`evil.example:${port}`)).toMatch(/^HTTP\/1\.1 421 /);
  });

  it("builds the challenge and metadata from an allowed loopback Host", async () => {
    const challenge = await raw(`localhost:${port}`);
    expect(challenge).toMatch(/^HTTP\/1\.1 401 /);
    expect(challenge).toContain(
      `resource_metadata="http://localhost:${port}/.well-known/oauth-protected-resource/mcp"`,
    );
    const metadata = await raw(`127.0.0.1:${port}`, "/.well-known/oauth-protected-resource/mcp");
    expect(metadata).toContain(`"resource":"http://127.0.0.1:${port}/mcp"`);
  });

  it("answers /healthz whatever the Host (health checks call it by address)", async () => {
    expect(await raw("10.0.0.5:3333", "/healthz")).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe("binding beyond loopback", () => {
  const catalog = () => createCatalog({ definitions: testDefinitions("http://127.0.0.1:9") });

  it("needs a public URL", async () => {
    const error = await serveHttp({ catalog: catalog(), host: "0.0.0.0", port: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(isToolwrightError(error)).toBe(true);
    expect((error as Error).message).toMatch(/TOOLWRIGHT_PUBLIC_URL/);
  });

  it("bound to loopback with one (behind a local proxy), answers loopback names and its host, linking to it", async () => {
    const server = await serveHttp({
      catalog: catalog(),
      port: 0,
      publicUrl: "https://mcp.example.com",
      logger: { warn: () => {}, error: () => {} },
    });
    try {
      const local = await fetch(`http://127.0.0.1:${server.port}/.well-known/oauth-protected-resource`);
      expect(await local.json()).toMatchObject({ resource: "https://mcp.example.com/mcp" });
      const connection = await openRawConnection(server.port);
      const forged = await connection.exchange(
        "GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
      );
      connection.destroy();
      expect(forged).toMatch(/^HTTP\/1\.1 421 /);
    } finally {
      await server.close();
    }
  });

  it("with one, answers only its host and builds every URL from it", async () => {
    const server = await serveHttp({
      catalog: catalog(),
      host: "0.0.0.0",
      port: 0,
      publicUrl: "https://mcp.example.com",
      logger: { warn: () => {}, error: () => {} },
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const refused = await fetch(`${base}/.well-known/oauth-protected-resource`);
      expect(refused.status).toBe(421);
      const connection = await openRawConnection(server.port);
      const metadata = await connection.exchange(
        "GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: mcp.example.com\r\nConnection: close\r\n\r\n",
      );
      connection.destroy();
      expect(metadata).toContain('"resource":"https://mcp.example.com/mcp"');
    } finally {
      await server.close();
    }
  });
});

describe("timeouts and the connection cap", () => {
  let harness: Harness;
  let host: string;
  let port: number;
  const connections: RawConnection[] = [];
  const open = async () => {
    const connection = await openRawConnection(port);
    connections.push(connection);
    return connection;
  };
  beforeAll(async () => {
    harness = await startHarness({
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnectionsPerClient: 3 },
    });
    host = new URL(harness.url).host;
    port = Number(new URL(harness.url).port);
  });
  afterEach(() => {
    for (const connection of connections.splice(0)) connection.destroy();
  });
  afterAll(() => harness.close());

  it("closes a connection whose headers never finish", async () => {
    const connection = await open();
    connection.send(`POST /mcp HTTP/1.1\r\nHost: ${host}\r\n`);
    expect(await connection.closedWithin(30_000)).toBe(true);
  });

  it("closes an authenticated connection whose body never finishes", async () => {
    const connection = await open();
    connection.send(request(host, ["Authorization: Bearer admin", "Content-Length: 100"], '{"jsonrpc"'));
    expect(await connection.closedWithin(30_000)).toBe(true);
  });

  it("answers 503 past the cap of connections from one address, and serves again once they close", async () => {
    const held = [await open(), await open(), await open()];
    const extra = await open();
    const refused = await extra.exchange(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    expect(refused).toMatch(/^HTTP\/1\.1 503 /);
    expect(await extra.closedWithin(30_000)).toBe(true);
    for (const connection of held) connection.destroy();
    for (const connection of held) expect(await connection.closedWithin(30_000)).toBe(true);
    const again = await open();
    // The server sees the closes asynchronously; a fresh connection is served once it has.
    let answer = "";
    for (let attempt = 0; attempt < 50 && !answer.startsWith("HTTP/1.1 200"); attempt++) {
      answer = await again.exchange(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
      if (!answer.startsWith("HTTP/1.1 200")) break;
    }
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
