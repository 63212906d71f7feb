import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, it } from "vitest";
import { createMemorySink, instrument, type Sink } from "../src/index.js";
import { connectV1, firstText, newMcpServerV1 } from "./helpers.js";

function serverWithTool() {
  const server = newMcpServerV1();
  server.registerTool("ping", {}, async () => ({ content: [{ type: "text", text: "pong" }] }));
  return server;
}

describe("isolation: a bad sink never changes a tool's result", () => {
  it("survives a sink that throws, counting the failed events and reporting the error", async () => {
    const errors: unknown[] = [];
    const sink: Sink = {
      send: async () => {
        throw new Error("sink down");
      },
    };
    const server = serverWithTool();
    const handle = instrument(server, { sink, onError: (error) => errors.push(error) });
    const client = await connectV1(server);
    const result = await client.callTool({ name: "ping", arguments: {} });
    await handle.flush();
    expect(firstText(result)).toBe("pong");
    expect(handle.stats()).toMatchObject({ sent: 0, failed: 2, queued: 0 });
    expect(String(errors[0])).toContain("sink down");
    await handle.shutdown();
  });

  it("answers tool calls while the sink hangs, and gives up on the hanging send after the timeout", async () => {
    const errors: unknown[] = [];
    const sink: Sink = { send: () => new Promise<void>(() => {}) };
    const server = serverWithTool();
    const handle = instrument(server, {
      sink,
      queue: { batchSize: 1, sendTimeoutMs: 50 },
      onError: (error) => errors.push(error),
    });
    const client = await connectV1(server);
    const results = await Promise.all([1, 2, 3].map(() => client.callTool({ name: "ping", arguments: {} })));
    expect(results.map(firstText)).toEqual(["pong", "pong", "pong"]);
    await handle.flush();
    expect(handle.stats().failed).toBe(4);
    expect(String(errors[0])).toContain("did not settle within 50 ms");
    await handle.shutdown();
  });

  it("returns tool results while a slow sink is still sending", async () => {
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let signalStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      signalStarted = resolve;
    });
    let sendsFinished = 0;
    const sink: Sink = {
      send: async () => {
        signalStarted();
        await gate;
        sendsFinished++;
      },
    };
    const server = serverWithTool();
    const handle = instrument(server, { sink, queue: { batchSize: 1 } });
    const client = await connectV1(server);
    await client.callTool({ name: "ping", arguments: {} });
    await started;
    const second = await client.callTool({ name: "ping", arguments: {} });
    expect(firstText(second)).toBe("pong");
    expect(sendsFinished).toBe(0);
    openGate();
    await handle.flush();
    expect(handle.stats()).toMatchObject({ sent: 3, queued: 0 });
    await handle.shutdown();
  });

  it("drops events beyond the queue bound and counts them", async () => {
    const sink = createMemorySink();
    const server = serverWithTool();
    const handle = instrument(server, {
      sink,
      queue: { maxQueueSize: 3, batchSize: 100, flushIntervalMs: 60_000 },
    });
    const client = await connectV1(server);
    for (let call = 0; call < 5; call++) await client.callTool({ name: "ping", arguments: {} });
    expect(handle.stats()).toMatchObject({ queued: 3, dropped: 3 });
    await handle.flush();
    expect(sink.events).toHaveLength(3);
    await handle.shutdown();
  });

  it("drops an event whose beforeSend throws, and sends events anonymously when identify hangs", async () => {
    const sink = createMemorySink();
    const errors: unknown[] = [];
    const server = serverWithTool();
    const handle = instrument(server, {
      sink,
      identify: () => new Promise(() => {}),
      identifyTimeoutMs: 20,
      beforeSend: (event) => {
        if (event.event === "$mcp_initialize") throw new Error("hook failed");
        return event;
      },
      onError: (error) => errors.push(error),
    });
    const client = await connectV1(server);
    expect(firstText(await client.callTool({ name: "ping", arguments: {} }))).toBe("pong");
    await handle.flush();
    expect(sink.events.map((event) => event.event)).toEqual(["$mcp_tool_call"]);
    expect(sink.events[0]?.properties.$process_person_profile).toBe(false);
    expect(String(errors[0])).toContain("hook failed");
    await handle.shutdown();
  });

  it("does not record after shutdown", async () => {
    const sink = createMemorySink();
    const server = serverWithTool();
    const handle = instrument(server, { sink });
    const client = await connectV1(server);
    await handle.shutdown();
    expect(firstText(await client.callTool({ name: "ping", arguments: {} }))).toBe("pong");
    await handle.flush();
    expect(sink.events.map((event) => event.event)).toEqual(["$mcp_initialize"]);
    expect(handle.stats().dropped).toBe(1);
  });
});

describe("isolation: stdio servers", () => {
  it("writes nothing but protocol messages to stdout, and diagnostics to stderr", async () => {
    const folder = await mkdtemp(join(tmpdir(), "tw-analytics-stdio-"));
    const eventsFile = join(folder, "deep", "events.jsonl");
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        "--import",
        "tsx",
        "--conditions=@toolwright/source",
        join(import.meta.dirname, "fixtures", "stdio-server.ts"),
      ],
      env: { ...process.env, EVENTS_FILE: eventsFile } as Record<string, string>,
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: "stdio-test", version: "1.0.0" });
    await client.connect(transport);
    const results = [];
    for (let n = 1; n <= 4; n++)
      results.push(firstText(await client.callTool({ name: "double", arguments: { n } })));
    await client.close();
    expect(results).toEqual(["2", "4", "6", "8"]);
    const lines = (await readFile(eventsFile, "utf8")).trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).event)).toEqual(
      expect.arrayContaining(["$mcp_initialize", "$mcp_tool_call"]),
    );
    expect(stderr).toContain("[@toolwright/analytics] sink is down (fixture)");
    await rm(folder, { recursive: true, force: true });
  });
});

describe("isolation: process exit", () => {
  it("flushes queued events when the process exits without shutdown", async () => {
    const folder = await mkdtemp(join(tmpdir(), "tw-analytics-exit-"));
    const eventsFile = join(folder, "events.jsonl");
    const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
    await promisify(execFile)(
      tsx,
      ["--conditions=@toolwright/source", join(import.meta.dirname, "fixtures", "exit-without-shutdown.ts")],
      {
        env: { ...process.env, EVENTS_FILE: eventsFile },
      },
    );
    const [line] = (await readFile(eventsFile, "utf8")).trim().split("\n");
    expect(JSON.parse(line ?? "{}").properties.$mcp_tool_name).toBe("last_words");
    await rm(folder, { recursive: true, force: true });
  });
});
