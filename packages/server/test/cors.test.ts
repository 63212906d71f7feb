import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";

const ALLOWED = "https://inspector.example.com";

function preflight(url: string, origin: string) {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers":
        "authorization, content-type, mcp-protocol-version, mcp-method, mcp-name",
    },
  });
}

describe("CORS on /mcp", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
  });
  afterAll(() => harness.close());

  it("answers a preflight from an allowed origin with the methods and headers an MCP client sends", async () => {
    const response = await preflight(harness.url, ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    const allowed = response.headers.get("access-control-allow-headers") ?? "";
    for (const header of [
      "authorization",
      "content-type",
      "mcp-protocol-version",
      "mcp-method",
      "mcp-name",
    ]) {
      expect(allowed).toContain(header);
    }
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("lets an allowed origin read the challenge and protocol headers of a real answer", async () => {
    const response = await fetch(harness.url, {
      method: "POST",
      headers: {
        origin: ALLOWED,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    const exposed = response.headers.get("access-control-expose-headers") ?? "";
    expect(exposed).toContain("WWW-Authenticate");
    expect(exposed).toContain("MCP-Protocol-Version");
  });

  it("gives another origin no CORS header, on the preflight or the request", async () => {
    const refused = await preflight(harness.url, "https://evil.example.com");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const request = await fetch(harness.url, {
      method: "POST",
      headers: { origin: "https://evil.example.com", "content-type": "application/json" },
      body: "{}",
    });
    expect(request.status).toBe(403);
    expect(request.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("grants nothing cross-origin when no origins are configured", async () => {
    const plain = await startHarness();
    try {
      const response = await preflight(plain.url, "http://localhost:5173");
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
