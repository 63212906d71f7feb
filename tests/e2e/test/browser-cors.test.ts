import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type DemoStack, startDemoStack } from "@toolwright/testkit";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Debian's chromium (.ci/run installs it); TOOLWRIGHT_CHROMIUM points elsewhere, as in oauth-client.ts.
const CHROMIUM = process.env.TOOLWRIGHT_CHROMIUM ?? "/usr/bin/chromium";

/** A page server on its own port: its origin is what the browser sends as `Origin`. */
async function startPageServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<!doctype html><title>client</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface BrowserAnswer {
  ok: boolean;
  status?: number;
  body?: unknown;
  challenge?: string | null;
  protocolVersion?: string | null;
  error?: string;
}

/** Runs, inside the page, a 2026-07-28 tools/call with the key (a request that needs a preflight). */
function callFromPage([mcpUrl, key]: readonly [string, string | null]): Promise<BrowserAnswer> {
  return (async () => {
    try {
      const response = await fetch(mcpUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2026-07-28",
          "mcp-method": "tools/call",
          "mcp-name": "whoami",
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "tools/call",
          params: {
            name: "whoami",
            arguments: {},
            _meta: {
              "io.modelcontextprotocol/protocolVersion": "2026-07-28",
              "io.modelcontextprotocol/clientInfo": { name: "browser", version: "1" },
              "io.modelcontextprotocol/clientCapabilities": {},
            },
          },
        }),
      });
      return {
        ok: true,
        status: response.status,
        body: await response.json(),
        challenge: response.headers.get("www-authenticate"),
        protocolVersion: response.headers.get("mcp-protocol-version"),
      };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  })();
}

let stack: DemoStack;
let browser: Browser;
let allowed: { origin: string; server: Server };
let other: { origin: string; server: Server };

beforeAll(async () => {
  allowed = await startPageServer();
  other = await startPageServer();
  stack = await startDemoStack({ server: { allowedOrigins: [allowed.origin] } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  for (const page of [allowed, other]) page?.server.close();
});

async function runIn(origin: string, key: string | null): Promise<BrowserAnswer> {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    return await page.evaluate(callFromPage, [stack.mcp.url, key] as const);
  } finally {
    await page.close();
  }
}

describe("a browser client", () => {
  it("from an allowed origin passes the preflight and calls a tool", async () => {
    const answer = await runIn(allowed.origin, stack.keys.reader.key);
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(200);
    const body = answer.body as { result?: { content?: Array<{ text: string }>; isError?: boolean } };
    expect(body.result?.isError).toBeFalsy();
    expect(body.result?.content?.[0]?.text).toContain("Hedgebox");
  });

  it("from an allowed origin can read the 401 challenge", async () => {
    const answer = await runIn(allowed.origin, null);
    expect(answer.status).toBe(401);
    expect(answer.challenge).toContain("resource_metadata=");
  });

  it("from another origin is refused by the browser", async () => {
    const answer = await runIn(other.origin, stack.keys.reader.key);
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/TypeError/);
  });
});
