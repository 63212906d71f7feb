// Suite 1 (HTTP): malformed JSON-RPC messages and tool arguments, raw over Streamable HTTP.
import { demoCatalog } from "@toolwright/mcp-server/catalog";
import { callTool, connectClient, type DemoStack, resultJson, startDemoStack } from "@toolwright/testkit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLogger } from "../support/captured-logger.js";
import { recordFigures } from "../support/figures.js";
import { FUZZ_SEED, fuzzRuns, fuzzSuiteName, fuzzTimeout } from "../support/fuzz-settings.js";
import { expectWellFormedHttpReply } from "../support/json-rpc-reply.js";
import { deepText, invalidUtf8, jsonText, mutatedObjectText } from "../support/json-text.js";
import { VALID_ARGUMENTS } from "../support/valid-arguments.js";

const TOOL_NAMES = demoCatalog().tools.map((tool) => tool.name);
const METHODS = [
  "initialize",
  "ping",
  "tools/list",
  "tools/call",
  "notifications/initialized",
  "notifications/cancelled",
  "resources/list",
  "prompts/get",
  "logging/setLevel",
  "completion/complete",
];
const ACCEPT = ["application/json, text/event-stream", "application/json", "text/event-stream", "*/*", ""];
const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", ""];

const idText = fc.oneof(
  fc.integer().map(String),
  fc.string({ maxLength: 8 }).map((id) => JSON.stringify(id)),
  fc.constant("null"),
  jsonText,
);
const methodText = fc.oneof(
  fc.constantFrom(...METHODS).map((method) => JSON.stringify(method)),
  jsonText,
);

/** Envelopes with any field wrong, missing or hostile. */
const envelopeText = fc
  .record(
    { jsonrpc: fc.oneof(fc.constant('"2.0"'), jsonText), id: idText, method: methodText, params: jsonText },
    { requiredKeys: [] },
  )
  .map(
    (fields) =>
      `{${Object.entries(fields)
        .map(([key, value]) => `"${key}":${value}`)
        .join(",")}}`,
  );

/** tools/call with known and unknown names and arguments mutated from valid ones. */
const toolCallText = fc
  .tuple(fc.oneof(fc.constantFrom(...TOOL_NAMES), fc.string({ maxLength: 20 })), idText)
  .chain(([name, id]) =>
    fc
      .oneof(mutatedObjectText(VALID_ARGUMENTS[name] ?? {}), jsonText, deepText)
      .map(
        (args) =>
          `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":${JSON.stringify(name)},"arguments":${args}}}`,
      ),
  );

/** Whole bodies that are not one JSON-RPC message: batches, garbage, invalid UTF-8, deep nesting. */
const bodyBytes = fc.oneof(
  fc
    .array(fc.oneof(envelopeText, toolCallText), { minLength: 0, maxLength: 4 })
    .map((items) => Buffer.from(`[${items.join(",")}]`)),
  fc.string({ unit: "binary", maxLength: 200 }).map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  invalidUtf8.map((bytes) =>
    Buffer.concat([
      Buffer.from(
        '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"persons-list","arguments":{"search":"',
      ),
      bytes,
      Buffer.from('"}}}'),
    ]),
  ),
  deepText.map((text) => Buffer.from(`{"jsonrpc":"2.0","id":1,"method":"ping","params":${text}}`)),
);

describe("fuzz: JSON-RPC over Streamable HTTP", () => {
  let stack: DemoStack;
  const logger = capturedLogger();
  const counts = { envelopes: 0, toolCalls: 0, bodies: 0, oversized: 0 };

  beforeAll(async () => {
    stack = await startDemoStack({ server: { logger } });
  });
  afterAll(async () => {
    await stack?.close();
    recordFigures(fuzzSuiteName("fuzz-http"), {
      ...counts,
      total: counts.envelopes + counts.toolCalls + counts.bodies + counts.oversized,
    });
  });

  async function post(
    body: Buffer | string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const response = await fetch(stack.mcp.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${stack.keys.admin.key}`,
        accept: ACCEPT[0] ?? "",
        "content-type": "application/json",
        ...headers,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, text: await response.text() };
  }

  it(
    "answers every malformed envelope with a JSON-RPC reply, never a 5xx",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          envelopeText,
          fc.constantFrom(...ACCEPT),
          fc.constantFrom(...CONTENT_TYPES),
          async (text, accept, contentType) => {
            counts.envelopes += 1;
            const { status, text: reply } = await post(text, { accept, "content-type": contentType });
            expectWellFormedHttpReply(status, reply, text.slice(0, 200));
          },
        ),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(700) },
      );
    },
    fuzzTimeout(60_000),
  );

  it(
    "answers every hostile tools/call with an error or an isError result",
    async () => {
      await fc.assert(
        fc.asyncProperty(toolCallText, async (text) => {
          counts.toolCalls += 1;
          const { status, text: reply } = await post(text);
          expectWellFormedHttpReply(status, reply, text.slice(0, 200));
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(900) },
      );
    },
    fuzzTimeout(60_000),
  );

  it(
    "survives batches, garbage bytes, invalid UTF-8 and deep nesting",
    async () => {
      await fc.assert(
        fc.asyncProperty(bodyBytes, async (bytes) => {
          counts.bodies += 1;
          const { status, text } = await post(bytes);
          expectWellFormedHttpReply(status, text, bytes.subarray(0, 120).toString("latin1"));
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(400) },
      );
    },
    fuzzTimeout(60_000),
  );

  it("rejects oversized bodies with 413 (chunked bodies: see regressions/oversized-body-keep-alive)", async () => {
    const big = Buffer.alloc(1_100_000, 0x20);
    for (const headers of [{}, { "content-length": String(big.length) }]) {
      counts.oversized += 1;
      const { status, text } = await post(big, headers);
      expect(status).toBe(413);
      expectWellFormedHttpReply(status, text, "oversized");
    }
  });

  it("still answers a normal call, left Object.prototype alone and logged no internal error", async () => {
    const client = await connectClient(stack.mcp.url, stack.keys.admin.key);
    try {
      const whoami = resultJson<{ scopes: string[] }>(await callTool(client, "whoami"));
      expect(whoami.scopes).toEqual(["*"]);
      // Tools behind an `enable` flag are not listed: no flag is on in the test stack.
      const listedByDefault = demoCatalog().tools.filter((tool) => tool.featureFlag?.behavior !== "enable");
      expect((await client.listTools()).tools.length).toBe(listedByDefault.length);
    } finally {
      await client.close();
    }
    const probe: Record<string, unknown> = {};
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(probe.isAdmin ?? probe.polluted).toBeUndefined();
    expect(logger.lines.filter((line) => line.startsWith("error"))).toEqual([]);
  });
});
