import { appendFile, mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { analyticsError } from "../analytics-error.js";
import { stringifyEach } from "../queue/loop-slices.js";
import type { Sink } from "./sink.js";

/** Options of the JSONL file sink. */
export interface JsonlFileSinkOptions {
  /** File to append to, one event per line; missing folders are created. */
  path: string;
  /**
   * Size in bytes past which the file is rotated (`events.jsonl` → `events.jsonl.1` → … ), default
   * 10 MiB; 0 turns rotation off.
   */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 5); older ones are deleted. */
  maxFiles?: number;
}

/** The events file apps/mcp-server writes by default, relative to its working directory. */
export const DEFAULT_EVENTS_FILE = ".data/events.jsonl";

/** Default size at which the JSONL sink rotates its file. */
export const DEFAULT_JSONL_MAX_BYTES = 10 * 1024 * 1024;

const DEFAULT_MAX_FILES = 5;

/** The rotated files of an events file, newest first (`path.1`, `path.2`, …). */
export function rotatedFiles(path: string, maxFiles = DEFAULT_MAX_FILES): string[] {
  return Array.from({ length: maxFiles }, (_, index) => `${path}.${index + 1}`);
}

function checkedLimit(name: string, value: number | undefined, fallback: number): number {
  const limit = value ?? fallback;
  if (!Number.isInteger(limit) || limit < 0) {
    throw analyticsError(
      "invalid_config",
      `JSONL sink option \`${name}\` must be a whole number ≥ 0, got ${value}.`,
      {
        key: name,
      },
    );
  }
  return limit;
}

/**
 * Creates a sink that appends each event as one JSON line to a file (the report CLI reads it),
 * rotating it by size so it never grows without bound.
 */
export function createJsonlFileSink(options: JsonlFileSinkOptions): Sink {
  const maxBytes = checkedLimit("maxBytes", options.maxBytes, DEFAULT_JSONL_MAX_BYTES);
  const maxFiles = checkedLimit("maxFiles", options.maxFiles, DEFAULT_MAX_FILES);
  let ready: Promise<unknown> | undefined;
  let size: number | undefined;
  // Writes are chained so that lines of concurrent batches never interleave.
  let writing: Promise<void> = Promise.resolve();
  const write = async (text: string): Promise<void> => {
    ready ??= mkdir(dirname(options.path), { recursive: true });
    await ready;
    size ??= await stat(options.path).then(
      (info) => info.size,
      () => 0,
    );
    const bytes = Buffer.byteLength(text);
    if (maxBytes > 0 && size > 0 && size + bytes > maxBytes) {
      await rotate(options.path, maxFiles);
      size = 0;
    }
    await appendFile(options.path, text, "utf8");
    size += bytes;
  };
  return {
    send(events) {
      if (events.length === 0) return writing;
      // Serialised in slices (a batch of large events takes a while), then written in one append.
      const text = stringifyEach(events).then((lines) => `${lines.join("\n")}\n`);
      // Handled where it is awaited, after earlier writes: not an unhandled rejection meanwhile.
      text.catch(() => undefined);
      // A failed write is reported to this batch's caller only; later batches still get written.
      const next = writing.catch(() => undefined).then(async () => write(await text));
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

// Shifts path.N-1 → path.N down to path → path.1; with maxFiles 0 the full file is simply removed.
async function rotate(path: string, maxFiles: number): Promise<void> {
  const rotated = rotatedFiles(path, maxFiles);
  if (rotated.length === 0) {
    await rm(path, { force: true });
    return;
  }
  await rm(rotated.at(-1) as string, { force: true });
  for (let index = rotated.length - 1; index > 0; index--) {
    await rename(rotated[index - 1] as string, rotated[index] as string).catch(() => undefined);
  }
  await rename(path, rotated[0] as string);
}
