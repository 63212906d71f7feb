import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SnapshotStaging } from "./snapshot-staging.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "tw-staging-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Descriptors this process holds open on files under `directory` (Linux: /proc/self/fd). */
function openUnder(directory: string): number {
  if (!existsSync("/proc/self/fd")) return 0;
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(directory);
    } catch {
      return false;
    }
  }).length;
}

/** Enough tool names for staging to start (small catalogs are written directly). */
const manyNames = Array.from({ length: 250 }, (_, index) => `tool-${String(index).padStart(3, "0")}`);

describe("SnapshotStaging", () => {
  it("creates one empty file per tool in a temporary directory next to tool-schemas/", async () => {
    const out = join(root, "generated", "out");
    const staging = SnapshotStaging.start(out, manyNames, ".test.tmp");
    await staging?.ready();
    expect(staging?.directory).toBe(join(out, "tool-schemas.test.tmp"));
    expect(readdirSync(staging?.directory as string).sort()).toEqual(manyNames.map((name) => `${name}.json`));
    expect(readFileSync(join(staging?.directory as string, "tool-000.json"), "utf8")).toBe("");
    await staging?.discard();
  });

  it("hands over the created files' descriptors, each once, for writing without reopening", async () => {
    const staging = SnapshotStaging.start(join(root, "out"), manyNames, ".test.tmp") as SnapshotStaging;
    await staging.ready();
    const descriptor = staging.takeDescriptor("tool-000.json") as number;
    expect(typeof descriptor).toBe("number");
    expect(staging.takeDescriptor("tool-000.json")).toBeUndefined();
    writeFileSync(descriptor, "{}\n");
    expect(readFileSync(join(staging.directory, "tool-000.json"), "utf8")).toBe("{}\n");
    expect(openUnder(staging.directory)).toBe(manyNames.length);
    await staging.release();
    expect(staging.takeDescriptor("tool-001.json")).toBeUndefined();
    expect(openUnder(staging.directory)).toBe(0);
    await staging.discard();
  });

  it("does not stage small catalogs, nor when tool-schemas/ exists (its files are compared in place)", () => {
    expect(SnapshotStaging.start(root, ["a-tool"], ".test.tmp")).toBeNull();
    mkdirSync(join(root, "tool-schemas"));
    expect(SnapshotStaging.start(root, manyNames, ".test.tmp")).toBeNull();
  });

  it("rejects `ready` when a file cannot be created, and still discards cleanly", async () => {
    const staging = SnapshotStaging.start(join(root, "out"), [...manyNames, "no-such-dir/tool"], ".test.tmp");
    await expect(staging?.ready()).rejects.toThrow(/ENOENT/);
    await staging?.discard();
    expect(existsSync(join(root, "out"))).toBe(false);
    expect(openUnder(root)).toBe(0);
  });

  it("discards at once, before the files exist, and lets the process go on (no unsettled wait)", async () => {
    const staging = SnapshotStaging.start(
      join(root, "early", "out"),
      manyNames,
      ".test.tmp",
    ) as SnapshotStaging;
    await staging.discard();
    await expect(staging.ready()).resolves.toBeUndefined();
    expect(staging.takeDescriptor("tool-000.json")).toBeUndefined();
    expect(existsSync(join(root, "early"))).toBe(false);
    expect(openUnder(root)).toBe(0);
  });

  it("on discard removes its directory and the output directories it created, nothing else", async () => {
    const staging = SnapshotStaging.start(join(root, "new", "out"), manyNames, ".test.tmp");
    await staging?.discard();
    expect(existsSync(join(root, "new"))).toBe(false);
    expect(openUnder(root)).toBe(0);
    expect(existsSync(root)).toBe(true);
  });
});

describe("SnapshotStaging.maxOpenFiles", () => {
  const limits = (soft: string) =>
    `Limit                     Soft Limit           Hard Limit           Units     \nMax cpu time              unlimited            unlimited            seconds   \nMax open files            ${soft}                20000                files     \n`;

  it("keeps the process's descriptor limit less what is open and 1,024 spare for snapshot files", () => {
    expect(SnapshotStaging.maxOpenFiles(limits("20000"), 30)).toBe(18946);
  });

  it("keeps 512 when the limit is low or cannot be read (no /proc)", () => {
    expect(SnapshotStaging.maxOpenFiles(limits("1024"), 30)).toBe(512);
    expect(SnapshotStaging.maxOpenFiles(null, 30)).toBe(512);
    expect(SnapshotStaging.maxOpenFiles("no such line", 30)).toBe(512);
  });
});

describe("SnapshotStaging out of descriptors", () => {
  it.runIf(process.platform === "linux")(
    "hands kept files back and creates the rest, when the process has fewer descriptors than counted",
    () => {
      // 600 files under a hard limit of 400 descriptors: the worker's 512 (the least it keeps) cannot all stay open.
      const script = join(root, "stage.mts");
      const module = join(import.meta.dirname, "snapshot-staging.ts");
      writeFileSync(
        script,
        `import { readdirSync } from "node:fs";
import { SnapshotStaging } from ${JSON.stringify(module)};
const names = Array.from({ length: 600 }, (_, index) => "tool-" + index);
const staging = SnapshotStaging.start(${JSON.stringify(join(root, "out"))}, names, ".t.tmp");
await staging.ready();
const held = names.filter((name) => staging.takeDescriptor(name + ".json") !== undefined).length;
await staging.release();
console.log(JSON.stringify({ held, files: readdirSync(staging.directory).length }));
`,
      );
      const child = spawnSync(
        "sh",
        [
          "-c",
          `ulimit -n 400 && exec "${process.execPath}" --conditions=@toolwright/source --import tsx "${script}"`,
        ],
        { encoding: "utf8", cwd: import.meta.dirname },
      );
      expect(child.stderr).toBe("");
      const report = JSON.parse(child.stdout) as { held: number; files: number };
      expect(report.files).toBe(600);
      expect(report.held).toBeGreaterThan(0);
      expect(report.held).toBeLessThan(400);
    },
  );
});
