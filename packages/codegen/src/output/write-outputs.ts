import { randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { OUTPUT_FILES, type OutputContent } from "./render-outputs.js";
import type { SnapshotStaging } from "./snapshot-staging.js";

/** What a write changed, by path relative to the output directory. */
export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * Writes every output atomically: all files go to temporary siblings first and are renamed into
 * place only when every one was written, so an error leaves the previous outputs untouched.
 * Snapshot files of tools that no longer exist, and a `tools.gen.ts` this generator wrote that the run no
 * longer asks for, are removed afterwards.
 *
 * File work is synchronous, one file after another: per file it is a few system calls, and going
 * through the thread pool cost several times more (measured on 1,223 snapshots, both for reading
 * and for creating files, which contend for the directory's lock when done in parallel).
 */
export async function writeOutputs(
  outDir: string,
  files: ReadonlyMap<string, OutputContent>,
  staging: SnapshotStaging | null = null,
): Promise<WriteReport> {
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const staged: Array<{ temporary: string; target: string }> = [];
  const suffix = stagingSuffix();
  // A snapshot directory that does not exist yet is written whole under a temporary name and renamed
  // once: one rename instead of one per tool (thousands on large specs).
  const schemasDir = join(outDir, OUTPUT_FILES.schemasDir);
  const kind = staging ? null : pathKind(schemasDir);
  if (kind === "file") throw new Error(`cannot write snapshots: ${schemasDir} is a file`);
  const stagingDir = staging?.directory ?? (kind === "directory" ? null : `${schemasDir}${suffix}`);
  const schemaPrefix = `${OUTPUT_FILES.schemasDir}/`;
  try {
    await staging?.ready();
    for (const [path] of files) {
      if (!path.startsWith(schemaPrefix)) mkdirSync(dirname(join(outDir, path)), { recursive: true });
    }
    mkdirSync(stagingDir ?? schemasDir, { recursive: true });
    for (const [path, lazy] of files) {
      // Rendered here, one file at a time, and dropped once written: large specs never hold all outputs.
      if (stagingDir && path.startsWith(schemaPrefix)) {
        writeSnapshot(stagingDir, path.slice(schemaPrefix.length), chunksOf(lazy), staging);
        report.written.push(path);
        continue;
      }
      const target = join(outDir, path);
      // Rendered once to compare and again to write: a lazy output's chunks can be read only once.
      if (hasContent(target, chunksOf(lazy))) {
        report.unchanged.push(path);
        continue;
      }
      const temporary = `${target}${suffix}`;
      staged.push({ temporary, target });
      writeChunks(temporary, chunksOf(lazy));
      report.written.push(path);
    }
  } catch (error) {
    // The staged descriptors are closed before their directory goes (Windows cannot remove open files).
    await staging?.release().catch(() => undefined);
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    if (stagingDir) rmSync(stagingDir, { recursive: true, force: true });
    throw error;
  }
  if (staging) {
    await staging.release();
    removeUnclaimed(staging, files, schemaPrefix);
  }
  if (stagingDir) renameSync(stagingDir, schemasDir);
  for (const { temporary, target } of staged) renameSync(temporary, target);
  for (const path of await orphanedOutputs(outDir, files)) {
    rmSync(join(outDir, path), { force: true });
    report.removed.push(path);
  }
  for (const list of [report.written, report.unchanged]) list.sort();
  return report;
}

/** The suffix of temporary files and directories: unique per process and run. */
export function stagingSuffix(): string {
  return `.tw-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
}

/**
 * Writes one snapshot into a new snapshot directory: through the descriptor staging kept open for
 * it (one write and one close), else by path.
 */
function writeSnapshot(
  directory: string,
  name: string,
  content: Iterable<string>,
  staging: SnapshotStaging | null,
): void {
  const descriptor = staging?.takeDescriptor(name);
  // Staging closes its descriptors itself (`release`), once every file is written.
  if (descriptor === undefined) writeChunks(join(directory, name), content);
  else for (const chunk of content) writeSync(descriptor, chunk);
}

/** The text of an output as chunks: rendering a lazy output, or a whole string as one chunk. */
function chunksOf(content: OutputContent): Iterable<string> {
  return typeof content === "string" ? [content] : content();
}

/** Text gathered before one write: few system calls, and never more than this much held. */
const WRITE_BATCH = 1 << 20;

/** Writes chunks in order through one descriptor, each rendered only when its turn comes, in ~1 MB writes. */
function writeChunks(file: string, chunks: Iterable<string>): void {
  const descriptor = openSync(file, "w");
  try {
    let pending = "";
    for (const chunk of chunks) {
      pending += chunk;
      if (pending.length < WRITE_BATCH) continue;
      writeSync(descriptor, pending);
      pending = "";
    }
    if (pending.length > 0) writeSync(descriptor, pending);
  } finally {
    closeSync(descriptor);
  }
}

/** Removes files created ahead for tools that produced no snapshot (none, when the run succeeded). */
function removeUnclaimed(
  staging: SnapshotStaging,
  files: ReadonlyMap<string, OutputContent>,
  prefix: string,
): void {
  for (const name of staging.fileNames) {
    if (!files.has(`${prefix}${name}`)) rmSync(join(staging.directory, name), { force: true });
  }
}

function pathKind(path: string): "directory" | "file" | null {
  try {
    return statSync(path).isDirectory() ? "directory" : "file";
  } catch {
    return null;
  }
}

/**
 * Generated files that no output claims: snapshot files in `tool-schemas/`, and a `tools.gen.ts`
 * this generator wrote when the run no longer asks for it.
 */
async function orphanedOutputs(outDir: string, files: ReadonlyMap<string, OutputContent>): Promise<string[]> {
  const orphans = isUnclaimedTypeScript(outDir, files) ? [OUTPUT_FILES.typescript] : [];
  let names: string[];
  try {
    names = await readdir(join(outDir, OUTPUT_FILES.schemasDir));
  } catch {
    return orphans;
  }
  return names
    .filter((name) => name.endsWith(".json"))
    .map((name) => `${OUTPUT_FILES.schemasDir}/${name}`)
    .filter((path) => !files.has(path))
    .concat(orphans)
    .sort();
}

/** The first line of every `tools.gen.ts` this generator writes. */
const TYPESCRIPT_MARK = "// Generated by @toolwright/codegen";

function isUnclaimedTypeScript(outDir: string, files: ReadonlyMap<string, OutputContent>): boolean {
  if (files.has(OUTPUT_FILES.typescript)) return false;
  let descriptor: number;
  try {
    descriptor = openSync(join(outDir, OUTPUT_FILES.typescript), "r");
  } catch {
    return false;
  }
  try {
    const start = Buffer.alloc(TYPESCRIPT_MARK.length);
    readSync(descriptor, start, 0, start.length, 0);
    return start.toString("utf8") === TYPESCRIPT_MARK;
  } finally {
    closeSync(descriptor);
  }
}

/** A stale output: differs from what generate would write, is missing, or has no tool behind it. */
export interface StaleOutput {
  path: string;
  reason: "changed" | "missing" | "orphaned";
}

/** Compares the outputs on disk with the expected ones without writing anything. */
export async function staleOutputs(
  outDir: string,
  files: ReadonlyMap<string, OutputContent>,
): Promise<StaleOutput[]> {
  const stale: StaleOutput[] = [];
  for (const [path, content] of files) {
    const current = hasContent(join(outDir, path), chunksOf(content));
    if (current === null) stale.push({ path, reason: "missing" });
    else if (!current) stale.push({ path, reason: "changed" });
  }
  for (const path of await orphanedOutputs(outDir, files)) stale.push({ path, reason: "orphaned" });
  return stale;
}

/**
 * Whether the file holds exactly `content`; null when it does not exist. For content already in
 * memory (an array of chunks) the size is compared first (one fstat on the open file), so a changed
 * file is usually not read at all; a directory in its place is an error (it cannot be replaced).
 */
function hasContent(file: string, content: Iterable<string>): boolean | null {
  let descriptor: number;
  try {
    descriptor = openSync(file, "r");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    if (code === "EISDIR") throw new Error(`cannot write ${file}: a directory is in its place`);
    throw error;
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) throw new Error(`cannot write ${file}: a directory is in its place`);
    if (Array.isArray(content)) {
      const size = (content as string[]).reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
      if (size !== stats.size) return false;
    }
    // Chunk by chunk, so a large output is never held whole (as text or as bytes).
    let position = 0;
    for (const chunk of content) {
      const expected = Buffer.from(chunk);
      if (position + expected.length > stats.size) return false;
      const current = Buffer.allocUnsafe(expected.length);
      let read = 0;
      while (read < current.length) {
        const count = readSync(descriptor, current, read, current.length - read, position + read);
        if (count === 0) return false;
        read += count;
      }
      if (!current.equals(expected)) return false;
      position += expected.length;
    }
    return position === stats.size;
  } finally {
    closeSync(descriptor);
  }
}
