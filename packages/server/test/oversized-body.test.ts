// An oversized body gets a 413 that never strands the client: either the rest of the body is drained
// and the connection keeps serving, or the 413 says `Connection: close` and the connection closes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";
import { openRawConnection, type RawConnection } from "./support/raw-connection.js";

const PING = '{"jsonrpc":"2.0","id":7,"method":"ping"}';
const LIMIT = 10_000;

function head(host: string, framing: string): string {
  return [
    "POST /mcp HTTP/1.1",
    `Host: ${host}`,
    "Authorization: Bearer admin",
    "Accept: application/json, text/event-stream",
    "Content-Type: application/json",
    framing,
    "",
    "",
  ].join("\r\n");
}

function chunked(host: string, totalBytes: number): string {
  const chunk = " ".repeat(8_000);
  const count = Math.ceil(totalBytes / chunk.length);
  return `${head(host, "Transfer-Encoding: chunked")}${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(count)}0\r\n\r\n`;
}

function withLength(host: string, body: string): string {
  return `${head(host, `Content-Length: ${Buffer.byteLength(body)}`)}${body}`;
}

const announcesClose = (response: string) => /\r\nconnection: close\r\n/i.test(response);

describe("oversized request bodies", () => {
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
    harness = await startHarness({ maxBodyBytes: LIMIT });
    host = new URL(harness.url).host;
    port = Number(new URL(harness.url).port);
  });
  afterAll(async () => {
    for (const connection of connections) connection.destroy();
    await harness.close();
  });

  it.each([
    ["chunked", (target: string) => chunked(target, 20 * LIMIT)],
    ["with a Content-Length", (target: string) => withLength(target, " ".repeat(20 * LIMIT))],
  ])(
    "drains a moderately oversized body (%s) and serves the next request on the connection",
    async (_, request) => {
      const connection = await open();
      const first = await connection.exchange(request(host));
      expect(first).toMatch(/^HTTP\/1\.1 413 /);
      expect(announcesClose(first)).toBe(false);
      const second = await connection.exchange(withLength(host, PING));
      expect(second).toMatch(/^HTTP\/1\.1 200 /);
      expect(second).toContain('"id":7');
    },
  );

  it("answers a declared body beyond the drain cap at once with Connection: close, then closes", async () => {
    const connection = await open();
    // Only the head is sent: the server must not wait for 50 MB it will never read.
    const response = await connection.exchange(head(host, "Content-Length: 50000000"));
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(announcesClose(response)).toBe(true);
    expect(response).toContain(`larger than ${LIMIT} bytes`);
    expect(await connection.closedWithin(30_000)).toBe(true);
  });

  it("closes the connection after a chunked body beyond the drain cap instead of promising keep-alive", async () => {
    const connection = await open();
    const response = await connection.exchange(chunked(host, 5_000_000));
    // The client may still be writing when the server closes, so the response can be cut by a reset;
    // whatever arrived must not promise keep-alive, and the connection must end.
    if (response !== "") {
      expect(response).toMatch(/^HTTP\/1\.1 413 /);
      expect(announcesClose(response)).toBe(true);
    }
    expect(await connection.closedWithin(30_000)).toBe(true);
  });
});
