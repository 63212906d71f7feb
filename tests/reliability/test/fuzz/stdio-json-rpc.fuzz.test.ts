// Suite 1 (stdio): raw lines of garbage and hostile JSON-RPC into the stdio server; each is followed by
// a ping that must be answered, and every line the server writes must be a JSON-RPC message.
import { demoCatalog } from "@toolwright/mcp-server/catalog";
import { type DemoStack, startDemoStack } from "@toolwright/testkit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFigures } from "../support/figures.js";
import { FUZZ_SEED, fuzzRuns, fuzzSuiteName, fuzzTimeout } from "../support/fuzz-settings.js";
import { expectJsonRpcResponse, hasStackTrace } from "../support/json-rpc-reply.js";
import { deepText, invalidUtf8, jsonText, mutatedObjectText } from "../support/json-text.js";
import { type StdioServer, startStdioServer } from "../support/stdio-server.js";
import { VALID_ARGUMENTS } from "../support/valid-arguments.js";

const TOOL_NAMES = demoCatalog().tools.map((tool) => tool.name);

const toolCallLine = fc
  .tuple(
    fc.oneof(fc.constantFrom(...TOOL_NAMES), fc.string({ maxLength: 20 })),
    fc.integer({ min: 1, max: 1_000_000 }),
  )
  .chain(([name, id]) =>
    fc
      .oneof(mutatedObjectText(VALID_ARGUMENTS[name] ?? {}), jsonText)
      .map(
        (args) =>
          `{"jsonrpc":"2.0","id":"call-${id}","method":"tools/call","params":{"name":${JSON.stringify(name)},"arguments":${args}}}`,
      ),
  );

const hostileLine = fc.oneof(
  toolCallLine.map((line) => Buffer.from(line)),
  jsonText.map((text) => Buffer.from(text)),
  fc
    .record(
      {
        id: jsonText,
        method: fc.oneof(fc.constantFrom('"tools/list"', '"ping"', '"initialize"', '"tools/call"'), jsonText),
        params: jsonText,
      },
      { requiredKeys: [] },
    )
    .map((fields) =>
      Buffer.from(
        `{"jsonrpc":"2.0"${Object.entries(fields)
          .map(([key, value]) => `,"${key}":${value}`)
          .join("")}}`,
      ),
    ),
  fc.string({ unit: "binary", maxLength: 120 }).map((text) => Buffer.from(text.replaceAll("\n", " "))),
  invalidUtf8,
  deepText
    .filter((text) => text.length < 60_000)
    .map((text) => Buffer.from(`{"jsonrpc":"2.0","id":"deep","method":"ping","params":${text}}`)),
);

describe("fuzz: JSON-RPC over stdio", () => {
  let stack: DemoStack;
  let server: StdioServer;
  let cases = 0;

  beforeAll(async () => {
    stack = await startDemoStack();
    server = startStdioServer({
      TOOLWRIGHT_API_KEY: stack.keys.admin.key,
      TOOLWRIGHT_UPSTREAM: stack.api.url,
    });
    server.write(
      '{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}\n',
    );
    await server.waitForId("init", 30_000);
    server.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
  });
  afterAll(async () => {
    await server?.stop();
    await stack?.close();
    recordFigures(fuzzSuiteName("fuzz-stdio"), { lines: cases });
  });

  it(
    "answers a ping after every hostile line and writes only JSON-RPC to stdout",
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileLine, async (line) => {
          cases += 1;
          const probe = `probe-${cases}`;
          server.write(
            Buffer.concat([line, Buffer.from(`\n{"jsonrpc":"2.0","id":"${probe}","method":"ping"}\n`)]),
          );
          const pong = await server.waitForId(probe);
          expect(pong.result).toEqual({});
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(600) },
      );
      expect(server.exitCode).toBeNull();
      for (const line of server.lines) {
        let message: unknown;
        expect(
          () => {
            message = JSON.parse(line);
          },
          line.slice(0, 200),
        ).not.toThrow();
        const record = message as Record<string, unknown>;
        // Server-to-client notifications (no id) are allowed; everything else is a response.
        if ("method" in record && !("id" in record)) continue;
        expectJsonRpcResponse(record, line.slice(0, 200));
        expect(hasStackTrace(line), line.slice(0, 300)).toBe(false);
      }
    },
    fuzzTimeout(60_000),
  );

  it("still runs a real tool call afterwards", async () => {
    server.write(
      '{"jsonrpc":"2.0","id":"final","method":"tools/call","params":{"name":"whoami","arguments":{}}}\n',
    );
    const reply = await server.waitForId("final");
    const result = reply.result as { isError?: boolean; content: { text: string }[] };
    expect(result.isError ?? false).toBe(false);
    expect(JSON.parse(result.content[0]?.text ?? "{}").scopes).toEqual(["*"]);
  });
});
