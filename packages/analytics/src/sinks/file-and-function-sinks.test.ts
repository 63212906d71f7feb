import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AnalyticsEvent } from "../events/analytics-event.js";
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
