import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { OUTPUT_FILES } from "./render-outputs.js";

/** Below this many tools, starting a worker costs more than creating the files does. */
const MIN_TOOLS = 200;

/**
 * At most this many created files stay open for the main thread to write into (descriptors are
 * per process): writing through one saves opening and closing the file again. Kept well under the
 * usual 1,024 descriptor limit; files past it are closed and reopened when written. Where the
 * process's limit can be read (Linux), up to all but `SPARE_DESCRIPTORS` of it are used (see
 * `maxOpenFiles`).
 */
const MAX_OPEN = 512;

/** Descriptors left for everything else the process opens while the snapshot files are held. */
const SPARE_DESCRIPTORS = 1024;

/** Kept files the worker closes again should the process run out of descriptors all the same. */
const GIVE_BACK = 256;

/**
 * How many created files may stay open: the soft `RLIMIT_NOFILE` (Node raises it to the hard limit
 * at startup, read from /proc/self/limits) less the descriptors the process holds already and
 * `SPARE_DESCRIPTORS`; `MAX_OPEN` where that cannot be read or leaves less. On Microsoft Graph
 * (11,422 tools) holding every file saves the main thread 11,000 opens and closes. Should the
 * process still run out, the worker hands `GIVE_BACK` kept files back and keeps no more.
 */
function maxOpenFiles(limits = readProcessLimits(), openNow = countOpenDescriptors()): number {
  const soft = /^Max open files\s+(\d+)/m.exec(limits ?? "")?.[1];
  if (soft === undefined) return MAX_OPEN;
  return Math.max(MAX_OPEN, Number(soft) - openNow - SPARE_DESCRIPTORS);
}

/** Descriptors this process holds (Linux: /proc/self/fd), 0 where that cannot be read. */
function countOpenDescriptors(): number {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return 0;
  }
}

function readProcessLimits(): string | null {
  try {
    return readFileSync("/proc/self/limits", "utf8");
  } catch {
    return null;
  }
}

/** `signal` values: the main thread is done with the descriptors (or gave up); the worker closes them and exits. */
const RELEASE = 1;

/**
 * The worker: creates the empty files one after another (in parallel they contend for the
 * directory), keeps up to `maxOpen` of them open and posts their descriptors. It then waits for
 * `signal[0]` to be set, closes them and exits: Node closes a worker's descriptors when it exits,
 * so the worker, not the main thread, must be the one to close them, and only once writing is done.
 * A signal during creation stops it early; it still posts and closes what it opened.
 */
const CREATE_FILES = `
const { parentPort, workerData } = require("node:worker_threads");
const { closeSync, openSync } = require("node:fs");
const { join } = require("node:path");
const { directory, names, maxOpen, giveBack, signal } = workerData;
const descriptors = {};
const kept = [];
let limit = maxOpen;
let failure = null;
// Out of descriptors (the process holds more than counted): hand some kept files back (they are
// then written by path), keep no more, and try again.
const create = (name) => {
  try {
    return openSync(join(directory, name), "wx");
  } catch (error) {
    if ((error.code !== "EMFILE" && error.code !== "ENFILE") || kept.length === 0) throw error;
    for (const [keptName, descriptor] of kept.splice(-giveBack)) {
      delete descriptors[keptName];
      closeSync(descriptor);
    }
    limit = kept.length;
    return openSync(join(directory, name), "wx");
  }
};
try {
  for (const name of names) {
    if (Atomics.load(signal, 0) !== 0) break;
    const descriptor = create(name);
    if (kept.length < limit) {
      descriptors[name] = descriptor;
      kept.push([name, descriptor]);
    } else closeSync(descriptor);
  }
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
}
parentPort.postMessage({ descriptors, failure });
Atomics.wait(signal, 0, 0);
for (const [, descriptor] of kept) closeSync(descriptor);
`;

/**
 * A new snapshot directory, created under a temporary name while the catalog is still being built.
 * Creating a file is the costly part of writing one on some disks (a new inode and directory entry;
 * overwriting an existing file is far cheaper), so on large catalogs a worker thread creates the
 * empty files as soon as the tool names are known, while the main thread resolves the spec; the
 * contents are written into them afterwards.
 */
export class SnapshotStaging {
  /** Set to RELEASE to let the worker close its descriptors and exit (see CREATE_FILES). */
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  /** Open descriptors of created files, by file name, until taken. */
  private readonly descriptors = new Map<string, number>();
  private readonly worker: Worker;
  /** True once `release` was called: the worker must then keep the process alive until it exits. */
  private released = false;
  private readonly created: Promise<void>;
  private readonly exited: Promise<void>;

  private constructor(
    /** The temporary directory, renamed to `tool-schemas/` once every output is written. */
    readonly directory: string,
    /** File names (`<tool>.json`) created ahead. */
    readonly fileNames: ReadonlySet<string>,
    /** Directories above it that starting created (deepest first), removed again on discard. */
    private readonly createdParents: readonly string[],
  ) {
    this.worker = new Worker(CREATE_FILES, {
      eval: true,
      workerData: {
        directory: this.directory,
        names: [...this.fileNames],
        maxOpen: maxOpenFiles(),
        giveBack: GIVE_BACK,
        signal: this.signal,
      },
    });
    this.exited = this.whenExited();
    this.created = this.whenCreated();
    // Handled when `ready`, `release` or `discard` is awaited; until then a failure must not count as unhandled.
    this.created.catch(() => undefined);
    this.exited.catch(() => undefined);
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

  /** How many created files stay open at most (see `maxOpenFiles`); arguments for tests. */
  static maxOpenFiles(limits?: string | null, openNow?: number): number {
    return maxOpenFiles(
      limits === undefined ? readProcessLimits() : limits,
      openNow ?? countOpenDescriptors(),
    );
  }

  /** Resolves when every empty file exists; rejects with the first creation error. */
  ready(): Promise<void> {
    return this.created;
  }

  /**
   * The open descriptor of a created file, when the worker kept it open: the caller writes the
   * file through it and must not close it (`release` does). Undefined when it was not kept (write
   * the file by path).
   */
  takeDescriptor(fileName: string): number | undefined {
    const descriptor = this.descriptors.get(fileName);
    this.descriptors.delete(fileName);
    return descriptor;
  }

  /** Lets the worker close every descriptor it kept, and waits until it has (before renaming the directory). */
  async release(): Promise<void> {
    this.released = true;
    this.descriptors.clear();
    Atomics.store(this.signal, 0, RELEASE);
    Atomics.notify(this.signal, 0);
    this.worker.ref();
    await this.exited;
  }

  /** Stops creating files and removes the directory (the run failed before writing). */
  async discard(): Promise<void> {
    await this.release().catch(() => undefined);
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

  private whenExited(): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      this.worker.once("error", reject);
      this.worker.once("exit", (code) => {
        if (code === 0) resolvePromise();
        else reject(new Error(`creating snapshot files in ${this.directory} stopped (exit code ${code})`));
      });
    });
  }

  /** Settles with the worker's report: every file created (its descriptors kept), or the error that stopped it. */
  private whenCreated(): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      this.worker.once(
        "message",
        (report: { descriptors: Record<string, number>; failure: string | null }) => {
          // Released early (a failed run): the worker is closing them, none may be handed out.
          if (!this.released) {
            for (const [name, descriptor] of Object.entries(report.descriptors)) {
              this.descriptors.set(name, descriptor);
            }
            // From here the worker only waits for `release`: it must not keep a process alive that forgot to call it.
            this.worker.unref();
          }
          if (report.failure === null) resolvePromise();
          else reject(new Error(report.failure));
        },
      );
      this.exited.then(() => reject(new Error("the snapshot worker exited without a report")), reject);
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
