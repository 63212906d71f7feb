import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallerResolver } from "./caller-resolver.js";

describe("caller subject: the upstream's stable id of the key", () => {
  let base: string;
  const server = createServer((request, response) => {
    const known = request.headers.authorization === "Bearer tw_live_Subject123";
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(known ? { id: 12, scopes: [], project: { id: 3 } } : { scopes: [] }));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("carries the introspected key id as subject, and none when the upstream sends no id", async () => {
    const resolve = createCallerResolver({ upstream: base, cacheTtlMs: 0 });
    const known = await resolve("tw_live_Subject123");
    expect(known.ok && known.caller.info.subject).toBe("12");
    const anonymous = await resolve("tw_live_Other456789");
    expect(anonymous.ok && "subject" in anonymous.caller.info).toBe(false);
  });
});
