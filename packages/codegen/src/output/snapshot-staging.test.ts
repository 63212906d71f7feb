import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SnapshotStaging } from "./snapshot-staging.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "tw-staging-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

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
  });

  it("on discard removes its directory and the output directories it created, nothing else", async () => {
    const staging = SnapshotStaging.start(join(root, "new", "out"), manyNames, ".test.tmp");
    await staging?.discard();
    expect(existsSync(join(root, "new"))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });
});
