import { createRequire } from "node:module";
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as HttpTransportV2,
} from "@modelcontextprotocol/client";
import { StdioClientTransport as StdioTransportV2 } from "@modelcontextprotocol/client/stdio";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as StdioTransportV1 } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as HttpTransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type DemoStack, startDemoStack } from "@toolwright/testkit";
import { apiRequest } from "@toolwright/testkit/demo-api-client.ts";
import { demoServerSource } from "@toolwright/testkit/demo-catalog-files.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** What each test needs of a client, whichever SDK major and negotiation mode it is. */
interface AnyClient {
  listToolNames(): Promise<string[]>;
  /** The JSON-RPC error code of a tools/list with a cursor the server never issued. */
  badCursorCode(): Promise<number | undefined>;
  call(name: string, args: Record<string, unknown>): Promise<{ isError: boolean; text: string }>;
  protocolVersion(): string | undefined;
  close(): Promise<void>;
}

type Mode = "sdk-1.x" | "2.x legacy" | "2.x auto" | "2.x pinned 2026-07-28";
type TransportKind = "http" | "stdio";

const MODES: Mode[] = ["sdk-1.x", "2.x legacy", "2.x auto", "2.x pinned 2026-07-28"];
const EXPECTED_VERSION: Record<Mode, string> = {
  "sdk-1.x": "2025-11-25",
  "2.x legacy": "2025-11-25",
  "2.x auto": "2026-07-28",
  "2.x pinned 2026-07-28": "2026-07-28",
};

const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");
const STDIO_ARGS = [TSX_CLI, "--conditions=@toolwright/source", demoServerSource("stdio.ts")];

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack();
});
afterAll(async () => {
  await stack?.close();
});

function stdioParameters(key: string) {
  return {
    command: process.execPath,
    args: STDIO_ARGS,
    env: {
      PATH: process.env.PATH ?? "",
      TOOLWRIGHT_API_KEY: key,
      TOOLWRIGHT_UPSTREAM: stack.api.url,
      TOOLWRIGHT_ANALYTICS: "off",
    },
    stderr: "pipe" as const,
  };
}

async function errorCode(request: Promise<unknown>): Promise<number | undefined> {
  try {
    await request;
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
}

function textOf(result: object): string {
  const content = ((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>;
  return content.map((item) => item.text ?? "").join("\n");
}

async function connectV1(transport: TransportKind, key: string): Promise<AnyClient> {
  const client = new ClientV1({ name: "toolwright-e2e-v1", version: "1.0.0" });
  const connection: Transport =
    transport === "http"
      ? new HttpTransportV1(new URL(stack.mcp.url), {
          requestInit: { headers: { authorization: `Bearer ${key}` } },
        })
      : new StdioTransportV1(stdioParameters(key));
  // 1.x hands the version `initialize` agreed on to the transport, when the transport takes it.
  let negotiated: string | undefined;
  const keep = connection.setProtocolVersion?.bind(connection);
  connection.setProtocolVersion = (version: string) => {
    negotiated = version;
    keep?.(version);
  };
  await client.connect(connection);
  return {
    listToolNames: async () => (await client.listTools()).tools.map((tool) => tool.name),
    badCursorCode: () => errorCode(client.listTools({ cursor: "bogus" })),
    call: async (name, args) => {
      const result = await client.callTool({ name, arguments: args });
      return { isError: result.isError === true, text: textOf(result) };
    },
    protocolVersion: () => negotiated,
    close: () => client.close(),
  };
}

async function connectV2(transport: TransportKind, key: string, mode: Mode): Promise<AnyClient> {
  const negotiation =
    mode === "2.x auto" ? "auto" : mode === "2.x pinned 2026-07-28" ? { pin: "2026-07-28" } : "legacy";
  const client = new ClientV2(
    { name: "toolwright-e2e-v2", version: "2.0.0" },
    { versionNegotiation: { mode: negotiation } },
  );
  await client.connect(
    transport === "http"
      ? new HttpTransportV2(new URL(stack.mcp.url), {
          requestInit: { headers: { authorization: `Bearer ${key}` } },
        })
      : new StdioTransportV2(stdioParameters(key)),
  );
  return {
    listToolNames: async () => (await client.listTools()).tools.map((tool) => tool.name),
    badCursorCode: () => errorCode(client.listTools({ cursor: "bogus" })),
    call: async (name, args) => {
      const result = await client.callTool({ name, arguments: args });
      return { isError: result.isError === true, text: textOf(result) };
    },
    protocolVersion: () => client.getNegotiatedProtocolVersion(),
    close: () => client.close(),
  };
}

function connect(mode: Mode, transport: TransportKind, key: string): Promise<AnyClient> {
  return mode === "sdk-1.x" ? connectV1(transport, key) : connectV2(transport, key, mode);
}

async function createAlert(name: string): Promise<number> {
  const answer = await apiRequest<{ id: number }>(
    stack.api.url,
    stack.keys.admin.key,
    "POST",
    "/api/alerts",
    {
      insight_id: 1,
      name,
      subscribed_users: [1],
      threshold: { type: "absolute", bounds: { lower: 1 } },
    },
  );
  expect(answer.status).toBe(201);
  return answer.body.id;
}

describe.each(["http", "stdio"] as const)("every protocol revision over %s", (transport) => {
  it.each(MODES)(
    "%s: list (a bad cursor refused), call, scope refusal, guard refusal, confirm prepare/execute",
    async (mode) => {
      const reader = await connect(mode, transport, stack.keys.reader.key);
      const admin = await connect(mode, transport, stack.keys.admin.key);
      try {
        expect(reader.protocolVersion()).toBe(EXPECTED_VERSION[mode]);
        expect(admin.protocolVersion()).toBe(EXPECTED_VERSION[mode]);

        const names = await reader.listToolNames();
        expect(names).toContain("persons-list");
        expect(names).not.toContain("alert-delete");
        expect(await reader.badCursorCode()).toBe(-32602);

        const persons = await reader.call("persons-list", { limit: 2 });
        expect(persons.isError, persons.text).toBe(false);
        expect(JSON.parse(persons.text)).toMatchObject({ count: 240 });

        const scope = await reader.call("alert-delete", { id: 1 });
        expect(scope.isError).toBe(true);
        expect(scope.text).toContain("alert:write");

        const guard = await admin.call("workflows-run-batch", { id: 1, acknowledged_affected_count: 39 });
        expect(guard.isError).toBe(true);
        expect(guard.text).toContain("acknowledged_count");

        const id = await createAlert(`protocol ${mode} ${transport}`);
        const prepared = await admin.call("alert-delete", { id });
        expect(prepared.isError, prepared.text).toBe(false);
        const token = /confirmation_token="([^"]+)"/.exec(prepared.text)?.[1];
        expect(token, prepared.text).toBeDefined();
        expect(
          (await apiRequest(stack.api.url, stack.keys.admin.key, "GET", `/api/alerts/${id}`)).status,
        ).toBe(200);
        const executed = await admin.call("alert-delete", { id, confirmation_token: token });
        expect(executed.isError, executed.text).toBe(false);
        expect(
          (await apiRequest(stack.api.url, stack.keys.admin.key, "GET", `/api/alerts/${id}`)).status,
        ).toBe(404);
      } finally {
        await Promise.all([reader.close(), admin.close()]);
      }
    },
    60_000,
  );
});
