import { mkdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { OUTPUT_FILES } from "./render-outputs.js";

/** Below this many tools, starting a worker costs more than creating the files does. */
const MIN_TOOLS = 200;

/** The worker: creates the empty files one after another (in parallel they contend for the directory). */
const CREATE_FILES = `
const { workerData } = require("node:worker_threads");
const { closeSync, openSync } = require("node:fs");
const { join } = require("node:path");
for (const name of workerData.names) closeSync(openSync(join(workerData.directory, name), "wx"));
`;

/**
 * A new snapshot directory, created under a temporary name while the catalog is still being built.
 * Creating a file is the costly part of writing one on some disks (a new inode and directory entry;
 * overwriting an existing file is far cheaper), so on large catalogs a worker thread creates the
 * empty files as soon as the tool names are known, while the main thread resolves the spec; the
 * contents are written into them afterwards.
 */
export class SnapshotStaging {
  private worker: Worker | null = null;
  private readonly creating: Promise<void>;

  private constructor(
    /** The temporary directory, renamed to `tool-schemas/` once every output is written. */
    readonly directory: string,
    /** File names (`<tool>.json`) created ahead. */
    readonly fileNames: ReadonlySet<string>,
    /** Directories above it that starting created (deepest first), removed again on discard. */
    private readonly createdParents: readonly string[],
  ) {
    this.creating = this.createAll();
    // Handled when `ready` or `discard` is awaited; until then a failure must not count as unhandled.
    this.creating.catch(() => undefined);
  }

  /**
   * Starts staging when the output has no `tool-schemas/` yet; returns null when it has one (its
   * files are then compared and replaced in place) or when a file stands in its place.
   */
  static start(outDir: string, toolNames: readonly string[], suffix: string): SnapshotStaging | null {
    if (toolNames.length < MIN_TOOLS) return null;
    const schemasDir = join(outDir, OUTPUT_FILES.schemasDir);
    try {
      statSync(schemasDir);
      return null;
    } catch {
      // Missing: the normal cold case.
    }
    const directory = `${schemasDir}${suffix}`;
    const firstCreated = mkdirSync(outDir, { recursive: true });
    mkdirSync(directory);
    const names = new Set(toolNames.map((name) => `${name}.json`));
    return new SnapshotStaging(directory, names, firstCreated ? parentsUpTo(outDir, firstCreated) : []);
  }

  /** Resolves when every empty file exists; rejects with the first creation error. */
  ready(): Promise<void> {
    return this.creating;
  }

  /** Stops creating files and removes the directory (the run failed before writing). */
  async discard(): Promise<void> {
    await this.worker?.terminate();
    await this.creating.catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
    // A failed run writes nothing: output directories it created go again, if nothing else is in them.
    for (const parent of this.createdParents) {
      try {
        rmdirSync(parent);
      } catch {
        return;
      }
    }
  }

  private createAll(): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const worker = new Worker(CREATE_FILES, {
        eval: true,
        workerData: { directory: this.directory, names: [...this.fileNames] },
      });
      this.worker = worker;
      worker.once("error", reject);
      worker.once("exit", (code) => {
        this.worker = null;
        if (code === 0) resolvePromise();
        else reject(new Error(`creating snapshot files in ${this.directory} stopped (exit code ${code})`));
      });
    });
  }
}

/** `directory` and its parents up to and including `top`, deepest first. */
function parentsUpTo(directory: string, top: string): string[] {
  const chain: string[] = [];
  for (let current = resolve(directory); ; current = dirname(current)) {
    chain.push(current);
    if (current === resolve(top) || dirname(current) === current) return chain;
  }
}
