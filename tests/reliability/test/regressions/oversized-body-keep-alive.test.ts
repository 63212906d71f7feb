// Regression (found by the bad-input suite): after a chunked body over the limit, the server answers 413
// with "Connection: keep-alive" and then closes the connection, so the client's next request on it fails.
import { type DemoStack, startDemoStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRawConnection, rawMcpPost } from "../support/raw-http.js";

const PING = '{"jsonrpc":"2.0","id":7,"method":"ping"}';

function chunkedOversizedPost(host: string, key: string): string {
  const chunk = " ".repeat(64_000);
  const head = [
    "POST /mcp HTTP/1.1",
    `Host: ${host}`,
    `Authorization: Bearer ${key}`,
    "Accept: application/json, text/event-stream",
    "Content-Type: application/json",
    "Transfer-Encoding: chunked",
    "",
    "",
  ].join("\r\n");
  return `${head}${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(20)}0\r\n\r\n`;
}

describe("oversized request bodies and keep-alive", () => {
  let stack: DemoStack;
  let host: string;

  beforeAll(async () => {
    stack = await startDemoStack();
    host = new URL(stack.mcp.url).host;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("either closes the connection honestly or keeps serving it after a 413 on a chunked body", async () => {
    const connection = await openRawConnection(Number(new URL(stack.mcp.url).port));
    try {
      const first = await connection.exchange(chunkedOversizedPost(host, stack.keys.admin.key));
      expect(first).toMatch(/^HTTP\/1\.1 413 /);
      const announcedClose = /\r\nconnection: close\r\n/i.test(first);
      if (announcedClose) return;
      // The 413 promised keep-alive, so a client may send its next request on this connection.
      const second = await connection.exchange(rawMcpPost(host, stack.keys.admin.key, PING));
      expect(second, "the server closed a connection it announced as keep-alive").toMatch(/^HTTP\/1\.1 200 /);
      expect(second).toContain('"id":7');
    } finally {
      connection.destroy();
    }
  });

  it("keeps serving a connection after a 413 on a body with a declared Content-Length", async () => {
    const connection = await openRawConnection(Number(new URL(stack.mcp.url).port));
    try {
      const first = await connection.exchange(rawMcpPost(host, stack.keys.admin.key, " ".repeat(1_100_000)));
      expect(first).toMatch(/^HTTP\/1\.1 413 /);
      if (/\r\nconnection: close\r\n/i.test(first)) return;
      const second = await connection.exchange(rawMcpPost(host, stack.keys.admin.key, PING));
      expect(second).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      connection.destroy();
    }
  });
});
