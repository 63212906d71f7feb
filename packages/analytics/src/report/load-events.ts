import { readFile } from "node:fs/promises";
import { analyticsError } from "../analytics-error.js";
import { type AnalyticsEvent, AnalyticsEventSchema } from "../events/analytics-event.js";
import { rotatedFiles } from "../sinks/jsonl-file-sink.js";

/** Events read from a JSONL file, with the lines that were not events counted. */
export interface LoadedEvents {
  events: AnalyticsEvent[];
  skippedLines: number;
}

/**
 * Reads a JSONL events file (as the JSONL sink writes it) and its rotated predecessors (`path.1`, …),
 * oldest first; blank and malformed lines are skipped and counted.
 */
export async function loadEvents(path: string): Promise<LoadedEvents> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
    const older = await Promise.all(
      rotatedFiles(path, MAX_ROTATED_READ).map((file) => readFile(file, "utf8").catch(() => "")),
    );
    text = [...older.reverse(), text].join("\n");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
    throw analyticsError(
      "invalid_config",
      `Events file ${path} ${reason}. Point --events at the JSONL file your server writes (createJsonlFileSink).`,
      { file: path, cause: error },
    );
  }
  return parseEventLines(text);
}

// Rotated files looked for beside the events file (the sink keeps 5 by default).
const MAX_ROTATED_READ = 20;

/** Parses JSONL text into events. */
export function parseEventLines(text: string): LoadedEvents {
  const events: AnalyticsEvent[] = [];
  let skippedLines = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const parsed = AnalyticsEventSchema.safeParse(safeJson(line));
    if (parsed.success) events.push(parsed.data);
    else skippedLines++;
  }
  return { events, skippedLines };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
