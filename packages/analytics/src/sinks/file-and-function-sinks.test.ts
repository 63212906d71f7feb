import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AnalyticsEvent } from "../events/analytics-event.js";
import { loadEvents } from "../report/load-events.js";
import { createFunctionSink } from "./function-sink.js";
import { createJsonlFileSink } from "./jsonl-file-sink.js";
import { createMemorySink } from "./memory-sink.js";

function event(name: string): AnalyticsEvent {
  return { event: name, distinct_id: "d", properties: {}, timestamp: "t", uuid: "u" };
}

describe("createJsonlFileSink", () => {
  it("creates folders and appends one JSON line per event across batches", async () => {
    const folder = await mkdtemp(join(tmpdir(), "tw-jsonl-"));
    const path = join(folder, "a", "b", "events.jsonl");
    const sink = createJsonlFileSink({ path });
    await Promise.all([sink.send([event("one"), event("two")]), sink.send([event("three")])]);
    await sink.send([]);
    await sink.shutdown?.();
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).event)).toEqual(["one", "two", "three"]);
    await rm(folder, { recursive: true, force: true });
  });

  it("keeps batches in the order they were sent when a large one takes longer to serialise", async () => {
    const folder = await mkdtemp(join(tmpdir(), "tw-jsonl-"));
    const path = join(folder, "events.jsonl");
    const sink = createJsonlFileSink({ path, maxBytes: 0 });
    const large = Array.from({ length: 60 }, (_, index) => ({
      ...event(`large-${index}`),
      properties: { $mcp_response: "y".repeat(20_000) },
    }));
    await Promise.all([sink.send(large), sink.send([event("small")])]);
    await sink.shutdown?.();
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines).toEqual([...large, event("small")].map((item) => JSON.stringify(item)));
    await rm(folder, { recursive: true, force: true });
  });

  it("rotates the file by size, keeps maxFiles old ones, and the report reads them all in order", async () => {
    const folder = await mkdtemp(join(tmpdir(), "tw-jsonl-"));
    const path = join(folder, "events.jsonl");
    const sink = createJsonlFileSink({ path, maxBytes: 300, maxFiles: 2 });
    for (let index = 0; index < 12; index++) await sink.send([event(`e${index}`)]);
    await sink.shutdown?.();
    const sizes = await Promise.all([path, `${path}.1`, `${path}.2`].map((file) => stat(file)));
    for (const info of sizes) expect(info.size).toBeLessThanOrEqual(300);
    await expect(stat(`${path}.3`)).rejects.toThrow();
    const { events } = await loadEvents(path);
    const names = events.map((item) => Number(item.event.slice(1)));
    expect(names).toEqual([...names].sort((a, b) => a - b));
    expect(names.at(-1)).toBe(11);
    expect(names.length).toBeLessThan(12);
    await rm(folder, { recursive: true, force: true });
  });

  it("reports a failed write to its batch and keeps writing later batches", async () => {
    const folder = await mkdtemp(join(tmpdir(), "tw-jsonl-"));
    const sink = createJsonlFileSink({ path: folder });
    await expect(sink.send([event("x")])).rejects.toThrow();
    const good = createJsonlFileSink({ path: join(folder, "ok.jsonl") });
    await good.send([event("y")]);
    expect(await readFile(join(folder, "ok.jsonl"), "utf8")).toContain('"y"');
    await rm(folder, { recursive: true, force: true });
  });
});

describe("memory and function sinks", () => {
  it("keep and forward batches", async () => {
    const memory = createMemorySink();
    await memory.send([event("a")]);
    expect(memory.events.map((item) => item.event)).toEqual(["a"]);
    memory.clear();
    expect(memory.events).toEqual([]);
    const batches: string[][] = [];
    const sink = createFunctionSink((events) => {
      batches.push(events.map((item) => item.event));
    });
    await sink.send([event("b"), event("c")]);
    expect(batches).toEqual([["b", "c"]]);
  });
});
