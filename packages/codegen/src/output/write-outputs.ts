import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { OUTPUT_FILES } from "./render-outputs.js";

/** What a write changed, by path relative to the output directory. */
export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * Writes every output atomically: all files go to temporary siblings first and are renamed into
 * place only when every one was written, so an error leaves the previous outputs untouched.
 * Snapshot files of tools that no longer exist are removed afterwards.
 */
export async function writeOutputs(outDir: string, files: ReadonlyMap<string, string>): Promise<WriteReport> {
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const staged: Array<{ temporary: string; target: string }> = [];
  const suffix = `.tw-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  // A snapshot directory that does not exist yet is written whole under a temporary name and renamed
  // once: one rename instead of one per tool (thousands on large specs).
  const schemasDir = join(outDir, OUTPUT_FILES.schemasDir);
  const stagingDir = (await pathKind(schemasDir)) === "directory" ? null : `${schemasDir}${suffix}`;
  if ((await pathKind(schemasDir)) === "file")
    throw new Error(`cannot write snapshots: ${schemasDir} is a file`);
  const schemaPrefix = `${OUTPUT_FILES.schemasDir}/`;
  try {
    for (const [path] of files) {
      if (!path.startsWith(schemaPrefix)) await mkdir(dirname(join(outDir, path)), { recursive: true });
    }
    await mkdir(stagingDir ?? schemasDir, { recursive: true });
    await inBatches([...files], async ([path, content]) => {
      if (stagingDir && path.startsWith(schemaPrefix)) {
        await writeFile(join(stagingDir, path.slice(schemaPrefix.length)), content);
        report.written.push(path);
        return;
      }
      const target = join(outDir, path);
      if ((await readIfExists(target)) === content) {
        report.unchanged.push(path);
        return;
      }
      const temporary = `${target}${suffix}`;
      staged.push({ temporary, target });
      await writeFile(temporary, content);
      report.written.push(path);
    });
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    if (stagingDir) await rm(stagingDir, { recursive: true, force: true });
    throw error;
  }
  if (stagingDir) await rename(stagingDir, schemasDir);
  await inBatches(staged, ({ temporary, target }) => rename(temporary, target));
  for (const path of await orphanedSnapshots(outDir, files)) {
    await rm(join(outDir, path), { force: true });
    report.removed.push(path);
  }
  // Lists are sorted: parallel writes finish in any order, reports must not.
  for (const list of [report.written, report.unchanged]) list.sort();
  return report;
}

async function pathKind(path: string): Promise<"directory" | "file" | null> {
  try {
    return (await stat(path)).isDirectory() ? "directory" : "file";
  } catch {
    return null;
  }
}

/** Snapshot files in `tool-schemas/` that no output claims. */
export async function orphanedSnapshots(
  outDir: string,
  files: ReadonlyMap<string, string>,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(outDir, OUTPUT_FILES.schemasDir));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".json"))
    .map((name) => `${OUTPUT_FILES.schemasDir}/${name}`)
    .filter((path) => !files.has(path))
    .sort();
}

/** A stale output: differs from what generate would write, is missing, or has no tool behind it. */
export interface StaleOutput {
  path: string;
  reason: "changed" | "missing" | "orphaned";
}

/** Compares the outputs on disk with the expected ones without writing anything. */
export async function staleOutputs(
  outDir: string,
  files: ReadonlyMap<string, string>,
): Promise<StaleOutput[]> {
  const stale: StaleOutput[] = [];
  await inBatches([...files], async ([path, content]) => {
    const current = await readIfExists(join(outDir, path));
    if (current === null) stale.push({ path, reason: "missing" });
    else if (current !== content) stale.push({ path, reason: "changed" });
  });
  const order = new Map([...files.keys()].map((path, index) => [path, index]));
  stale.sort((left, right) => (order.get(left.path) ?? 0) - (order.get(right.path) ?? 0));
  for (const path of await orphanedSnapshots(outDir, files)) stale.push({ path, reason: "orphaned" });
  return stale;
}

/** Runs `task` over items with a bounded number in flight (thousands of files, one process). */
async function inBatches<Item>(
  items: readonly Item[],
  task: (item: Item) => Promise<unknown>,
): Promise<void> {
  const size = 64;
  for (let start = 0; start < items.length; start += size) {
    // allSettled: on a failure, no write of the batch is still in flight when the caller cleans up.
    const results = await Promise.allSettled(items.slice(start, start + size).map(task));
    const failure = results.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
  }
}

/** The file's text, or null when it does not exist; a directory in its place is an error (it cannot be replaced). */
async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EISDIR") throw new Error(`cannot write ${file}: a directory is in its place`);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw error;
  }
}
