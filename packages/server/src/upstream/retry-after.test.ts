import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after.js";
import { sendUpstream } from "./upstream-client.js";
import { describeUpstreamFailure } from "./upstream-failure.js";

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, capped, and ignores what it cannot read", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs("12", now)).toBe(12_000);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("999999999", now)).toBe(86_400_000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it("surfaces an upstream 429 with when to retry", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(429, { "content-type": "application/json", "retry-after": "7" });
      response.end(JSON.stringify({ message: "Slow down" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const outcome = await sendUpstream(
        { method: "GET", url: new URL(`http://127.0.0.1:${port}/`), headers: {} } as never,
        undefined,
        new AbortController().signal,
      );
      expect(outcome).toMatchObject({
        ok: false,
        failure: { kind: "http", status: 429, retryAfterMs: 7000 },
      });
      if (outcome.ok) return;
      expect(describeUpstreamFailure(outcome.failure)).toMatch(
        /^The upstream is rate limiting \(HTTP 429\): Slow down\. Retry in 7 s \(after .+Z\)\.$/,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
