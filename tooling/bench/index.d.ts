// Types for the shared benchmark harness (index.js is plain JavaScript), so importers need no declaration of their own.
import type { SpawnSyncOptions } from "node:child_process";

/** docs/benchmarks.md, where every benchmark writes its section. */
export declare const BENCHMARKS_FILE: string;
/** One line describing the machine a result was measured on. */
export declare function machine(): string;
/** Nearest-rank percentile `p` (0–100) of `values`; NaN for an empty list. */
export declare function percentile(values: number[], p: number): number;
/** Runs a command under `/usr/bin/time -v` (when present): wall seconds, peak RSS (MiB), exit code and output. */
export declare function timeCommand(
  command: string,
  args: string[],
  options?: SpawnSyncOptions,
): {
  wallSeconds: number;
  peakRssMiB: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
};
/** The current git commit (short), or "uncommitted". */
export declare function commit(): string;
/** Replaces (or appends) one named section of docs/benchmarks.md, stamped with date, machine, commit and command. */
export declare function writeBenchSection(id: string, title: string, command: string, markdown: string): void;
/** A markdown table from a header row and data rows. */
export declare function table(header: string[], rows: (string | number)[][]): string;
