import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseToolDefinitions, type ToolDefinitionsFile } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { formatJson, OUTPUT_FILES } from "../output/render-outputs.js";

/** Where the tools and their snapshot files are. */
export interface ToolSchemaSnapshotOptions {
  /** `tool-definitions.json` (a path) or its parsed content. */
  definitions: string | ToolDefinitionsFile;
  /** The directory of `<tool-name>.json` snapshots (usually `<out>/tool-schemas`). */
  schemasDir: string;
  /** Name of the describe block (default: "tool schema snapshots"). */
  title?: string;
}

/**
 * Registers vitest tests: one file snapshot per tool (its advertised input schema, keys sorted,
 * 2-space indented) and one that fails when a snapshot file has no tool behind it. `vitest -u`
 * (`pnpm snapshots:update`) rewrites the snapshots of existing tools.
 */
export function describeToolSchemaSnapshots(options: ToolSchemaSnapshotOptions): void {
  const catalog =
    typeof options.definitions === "string"
      ? parseToolDefinitions(JSON.parse(readFileSync(options.definitions, "utf8")), options.definitions)
      : options.definitions;
  describe(options.title ?? "tool schema snapshots", () => {
    for (const tool of catalog.tools) {
      it(`${tool.name} matches ${OUTPUT_FILES.schemasDir}/${tool.name}.json`, async () => {
        await expect(formatJson(tool.inputSchema)).toMatchFileSnapshot(
          join(options.schemasDir, `${tool.name}.json`),
        );
      });
    }
    it("every snapshot file belongs to a tool", () => {
      const orphaned = orphanedSnapshotFiles(catalog, options.schemasDir);
      expect(
        orphaned,
        `snapshot files with no tool behind them (delete them or run toolwright generate)`,
      ).toEqual([]);
    });
  });
}

/** Snapshot files (`<name>.json`) in the directory that no tool of the catalog has. */
export function orphanedSnapshotFiles(
  catalog: Pick<ToolDefinitionsFile, "tools">,
  schemasDir: string,
): string[] {
  const names = new Set(catalog.tools.map((tool) => `${tool.name}.json`));
  let files: string[];
  try {
    files = readdirSync(schemasDir);
  } catch {
    return [];
  }
  return files.filter((file) => file.endsWith(".json") && !names.has(file)).sort();
}
