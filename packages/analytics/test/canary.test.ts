import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server as HttpServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createJsonlFileSink, createMemorySink, instrument, type Sink } from "../src/index.js";

// Each canary is a unique fragment of one secret; none may appear in anything a sink receives.
const UPSTREAM_KEY = "UPSTREAM-d41d8cd98f00b204e98";
const CANARIES = {
  upstreamKey: "d41d8cd98f00b204e98",
  bearer: "CanaryBearer0123456789",
  cookie: "CanaryCookie987654",
  apiKeyHeader: "CanaryHeader123456789",
  authInfoToken: "CanaryAuthInfo1234567890",
  argumentUnderKey: "CanaryArgValue-31415",
  argumentInText: "CanaryGithub1234567890",
  urlPassword: "CanaryUrlPass55",
  responseToken: "CanaryRespToken42xyz",
  responsePassword: "CanaryPassword77",
  errorToken: "CanaryErrorToken99887",
  intentToken: "CanaryIntent5544332211",
};

describe("redaction canary: secrets never reach a sink", () => {
  let http: HttpServer;
  let url: URL;
  let folder: string;
  const memory = createMemorySink();
  const errors: string[] = [];
  let handle: ReturnType<typeof instrument>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "tw-analytics-canary-"));
    const file = createJsonlFileSink({ path: join(folder, "nested", "events.jsonl") });
    const both: Sink = {
      async send(events) {
        await Promise.all([memory.send(events), file.send(events)]);
      },
    };
    const server = new McpServer({ name: "canary-server", version: "1.0.0" });
    server.registerTool(
      "lookup",
      { inputSchema: { api_key: z.string(), query: z.string(), url: z.string() } },
      async () => ({
        content: [
          {
            type: "text",
            text: `called upstream with Authorization: Bearer ${CANARIES.responseToken} key ${UPSTREAM_KEY}`,
          },
          { type: "text", text: JSON.stringify({ user: "ada", password: CANARIES.responsePassword }) },
        ],
      }),
    );
    server.registerTool("explode", {}, async () => {
      throw new Error(`upstream rejected ${UPSTREAM_KEY} with token=${CANARIES.errorToken}`);
    });
    handle = instrument(server, {
      sink: both,
      redact: [UPSTREAM_KEY],
      reportMissing: true,
      // A careless identify that copies credentials into person properties.
      identify: (request) => ({
        distinctId: "user-ada",
        properties: {
          headers: request.headers,
          auth: request.authInfo,
          note: `signed in with ${request.headers?.authorization}`,
        },
      }),
      eventProperties: { upstream: `key is ${UPSTREAM_KEY}` },
      onError: (error) => errors.push(String(error)),
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
    await server.connect(transport);
    http = createServer((request: IncomingMessage & { auth?: AuthInfo }, response) => {
      request.auth = { token: `phx_${CANARIES.authInfoToken}`, clientId: "canary-client", scopes: ["read"] };
      void transport.handleRequest(request, response);
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
  });

  afterAll(async () => {
    await handle.shutdown();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await rm(folder, { recursive: true, force: true });
  });

  it("keeps every canary out of events sent through a real HTTP server", async () => {
    const client = new Client({ name: "canary-client", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: {
          headers: {
            Authorization: `Bearer ${CANARIES.bearer}`,
            Cookie: `session=${CANARIES.cookie}`,
            "X-Api-Key": `sk_live_${CANARIES.apiKeyHeader}`,
          },
        },
      }),
    );
    await client.listTools();
    const lookup = await client.callTool({
      name: "lookup",
      arguments: {
        api_key: CANARIES.argumentUnderKey,
        query: `use ghp_${CANARIES.argumentInText}abcdefgh`,
        url: `https://bob:${CANARIES.urlPassword}@example.com/data`,
        context: `checking the account with Bearer ${CANARIES.intentToken}`,
      },
    });
    const explode = await client.callTool({ name: "explode", arguments: {} });
    await client.callTool({
      name: "get_more_tools",
      arguments: { context: `need tool for token=${CANARIES.intentToken}` },
    });
    handle.capture({
      event: "custom_secret_event",
      properties: { password: "x", detail: `key ${UPSTREAM_KEY}` },
    });
    await client.close();
    await handle.flush();

    // The tool itself still sees and returns its real data: redaction only touches events.
    expect(JSON.stringify(lookup)).toContain(CANARIES.responsePassword);
    expect(explode.isError).toBe(true);

    const fileText = await readFile(join(folder, "nested", "events.jsonl"), "utf8");
    const everything = `${JSON.stringify(memory.events)}\n${fileText}\n${errors.join("\n")}`;
    expect(memory.events.map((event) => event.event)).toEqual(
      expect.arrayContaining([
        "$identify",
        "$mcp_initialize",
        "$mcp_tools_list",
        "$mcp_tool_call",
        "$mcp_missing_capability",
        "custom_secret_event",
      ]),
    );
    expect(fileText.trim().split("\n")).toHaveLength(memory.events.length);
    for (const [name, canary] of Object.entries(CANARIES)) {
      expect(everything.includes(canary), `canary ${name} leaked`).toBe(false);
    }
    // Redaction must not have thrown the events away: the non-secret parts are still there.
    expect(everything).toContain("canary-client");
    expect(everything).toContain("[REDACTED]");
    expect(everything).toContain("user-ada");
  });
});
