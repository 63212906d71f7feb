import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeToolSchemaSnapshots, orphanedSnapshotFiles } from "../src/testing/index.js";
import { FIXTURES } from "./support.js";

const out = join(FIXTURES, "generated", "pets");

// The checked-in fixture output, tested the way a product tests its own: one file snapshot per tool.
describeToolSchemaSnapshots({
  definitions: join(out, "tool-definitions.json"),
  schemasDir: join(out, "tool-schemas"),
  title: "pets fixture tool schemas",
});

describe("orphanedSnapshotFiles", () => {
  it("lists snapshot files that no tool has, ignoring other files", () => {
    const dir = mkdtempSync(join(tmpdir(), "tw-snapshots-"));
    try {
      for (const file of ["pet-get.json", "pet-gone.json", "notes.txt"])
        writeFileSync(join(dir, file), "{}\n");
      expect(orphanedSnapshotFiles({ tools: [{ name: "pet-get" }] as never }, dir)).toEqual([
        "pet-gone.json",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
