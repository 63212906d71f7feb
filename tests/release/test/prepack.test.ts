// Packing builds or fails loudly: every published package's `prepack` runs scripts/prepack.mjs, which builds
// it with turbo and then refuses to pack when a published entry point or bin target is missing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { publishedPackages, repoRoot } from "./support/repo.js";
import { runCommand } from "./support/run.js";

const folder = mkdtempSync(join(tmpdir(), "toolwright-prepack-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("prepack", () => {
  it.each(publishedPackages().map((entry) => [entry.manifest.name, entry.manifest] as const))(
    "%s packs through scripts/prepack.mjs",
    (_name, manifest) => {
      expect(manifest.scripts?.prepack).toBe("node ../../scripts/prepack.mjs");
    },
  );

  it("refuses, naming the files, when dist/ is missing", async () => {
    const dir = join(folder, "unbuilt");
    mkdirSync(join(dir, "bin"), { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "unbuilt",
        bin: { unbuilt: "./bin/unbuilt.js" },
        publishConfig: { exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } } },
      }),
    );
    writeFileSync(join(dir, "bin/unbuilt.js"), 'import "../dist/cli/bin.js";\n');
    const result = await runCommand(
      process.execPath,
      [join(repoRoot, "scripts/prepack.mjs"), "--check-only"],
      {
        cwd: dir,
        timeoutMs: 30_000,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "unbuilt: not packing, these published files are missing: ./dist/index.d.ts, ./dist/index.js, dist/cli/bin.js",
    );
  });
});
