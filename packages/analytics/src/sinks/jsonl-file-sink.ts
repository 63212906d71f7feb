import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Sink } from "./sink.js";

/** Options of the JSONL file sink. */
export interface JsonlFileSinkOptions {
  /** File to append to, one event per line; missing folders are created. */
  path: string;
}

/** The events file apps/mcp-server writes by default, relative to its working directory. */
export const DEFAULT_EVENTS_FILE = ".data/events.jsonl";

/** Creates a sink that appends each event as one JSON line to a file (the report CLI reads it). */
export function createJsonlFileSink(options: JsonlFileSinkOptions): Sink {
  let ready: Promise<unknown> | undefined;
  // Writes are chained so that lines of concurrent batches never interleave.
  let writing: Promise<void> = Promise.resolve();
  const write = async (text: string): Promise<void> => {
    ready ??= mkdir(dirname(options.path), { recursive: true });
    await ready;
    await appendFile(options.path, text, "utf8");
  };
  return {
    send(events) {
      if (events.length === 0) return writing;
      const text = `${events.map((event) => JSON.stringify(event)).join("\n")}\n`;
      // A failed write is reported to this batch's caller only; later batches still get written.
      const next = writing.catch(() => undefined).then(() => write(text));
      writing = next;
      return next;
    },
    flush() {
      return writing.catch(() => undefined);
    },
    shutdown() {
      return writing.catch(() => undefined);
    },
  };
}
