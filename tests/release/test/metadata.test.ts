// Fast checks on every published package.json: what npm would ship and how consumers resolve it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ExportTarget,
  publishedPackages,
  readManifest,
  repoRoot,
  workspacePackages,
} from "./support/repo.js";

const SOURCE_CONDITION = "@toolwright/source";
const rootEngines = readManifest(".").engines;

/** An export target without the in-repo source condition: what `publishConfig.exports` must hold. */
function withoutSourceCondition(target: ExportTarget): ExportTarget {
  if (typeof target === "string") return target;
  return Object.fromEntries(Object.entries(target).filter(([condition]) => condition !== SOURCE_CONDITION));
}

/** `./dist/a/b.js` or `./dist/a/b.d.ts` -> `./src/a/b.ts`: the file tsc compiles it from. */
function sourceOf(distPath: string): string {
  return distPath.replace(/^\.\/dist\//, "./src/").replace(/\.d\.ts$|\.js$/, ".ts");
}

const packages = publishedPackages();

it("finds the four published packages", () => {
  expect(packages.map((entry) => entry.manifest.name)).toEqual([
    "@toolwright/analytics",
    "@toolwright/codegen",
    "@toolwright/core",
    "@toolwright/server",
  ]);
});

describe.each(packages.map((entry) => [entry.manifest.name, entry] as const))(
  "%s",
  (_name, { dir, manifest }) => {
    const exists = (path: string) => existsSync(join(repoRoot, dir, path));

    it("is an ESM package without side effects, for the repo's Node versions, under MIT", () => {
      expect(manifest.type).toBe("module");
      expect(manifest.sideEffects).toBe(false);
      expect(manifest.engines).toEqual(rootEngines);
      expect(manifest.license).toBe("MIT");
      expect(manifest.description?.length ?? 0).toBeGreaterThan(20);
      expect(manifest.keywords).toContain("mcp");
      expect(manifest.repository?.directory).toBe(dir);
    });

    it("ships dist (and bin when it has bins) plus README and LICENSE, which exist", () => {
      expect(manifest.files).toContain("dist");
      expect(manifest.files).toEqual(expect.arrayContaining(["README.md", "LICENSE"]));
      for (const path of Object.values(manifest.bin ?? {})) {
        const shipped = path.replace(/^\.\//, "");
        expect(
          manifest.files?.some((entry) => shipped === entry || shipped.startsWith(`${entry}/`)),
          path,
        ).toBe(true);
      }
      expect(exists("README.md")).toBe(true);
      expect(exists("LICENSE")).toBe(true);
      expect(manifest.files?.some((entry) => entry.startsWith("src"))).toBe(false);
    });

    it("exports every entry source-first in the repo, then types before default, and its package.json", () => {
      const exportsMap = manifest.exports ?? {};
      expect(exportsMap["./package.json"]).toBe("./package.json");
      for (const [key, target] of Object.entries(exportsMap)) {
        if (key === "./package.json") continue;
        expect(typeof target, key).toBe("object");
        expect(Object.keys(target), key).toEqual([SOURCE_CONDITION, "types", "default"]);
        const conditions = target as Record<string, string>;
        expect(exists(conditions[SOURCE_CONDITION] ?? ""), `${key} source`).toBe(true);
        expect(conditions.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
        expect(conditions.default).toMatch(/^\.\/dist\/.+\.js$/);
        expect(sourceOf(conditions.types ?? ""), key).toBe(conditions[SOURCE_CONDITION]);
        expect(sourceOf(conditions.default ?? ""), key).toBe(conditions[SOURCE_CONDITION]);
      }
    });

    it("publishes with public access and the same exports minus the source condition", () => {
      expect(manifest.publishConfig?.access).toBe("public");
      const expected = Object.fromEntries(
        Object.entries(manifest.exports ?? {}).map(([key, target]) => [key, withoutSourceCondition(target)]),
      );
      expect(manifest.publishConfig?.exports).toEqual(expected);
    });

    it("has bins that exist, run under node and load a compiled module that has a source", () => {
      for (const [command, path] of Object.entries(manifest.bin ?? {})) {
        expect(exists(path), `${command} -> ${path}`).toBe(true);
        const text = readFileSync(join(repoRoot, dir, path), "utf8");
        expect(text.startsWith("#!/usr/bin/env node\n"), command).toBe(true);
        const imported = [
          ...text.matchAll(
            /from "\.\.\/(dist\/[^"]+)"|import "\.\.\/(dist\/[^"]+)"|import\("\.\.\/(dist\/[^"]+)"\)/g,
          ),
        ].map((match) => match[1] ?? match[2] ?? match[3] ?? "");
        expect(imported.length, `${command} imports ../dist`).toBeGreaterThan(0);
        for (const target of imported) expect(exists(sourceOf(`./${target}`)), target).toBe(true);
      }
    });

    it("depends on workspace packages and catalog versions only, never on a private package", () => {
      const privateNames = new Set(
        ["apps", "tooling", "tests"].flatMap((group) =>
          workspacePackages(group).map((entry) => entry.manifest.name),
        ),
      );
      for (const [name, range] of Object.entries({
        ...manifest.dependencies,
        ...manifest.peerDependencies,
      })) {
        expect(privateNames.has(name), `${name} is private`).toBe(false);
        if (name.startsWith("@toolwright/") && !manifest.peerDependencies?.[name])
          expect(range, name).toBe("workspace:*");
      }
      // A sibling as a peer: optional, and a range wide enough that its minor releases do not major-bump this one.
      for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
        if (!name.startsWith("@toolwright/")) continue;
        expect(range, name).toBe("workspace:0.x");
        expect(manifest.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
      }
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
        if (!name.startsWith("@toolwright/")) expect(range, name).toBe("catalog:");
      }
    });

    it("has the standard scripts", () => {
      expect(manifest.scripts).toMatchObject({
        build: "tsc -p tsconfig.build.json",
        typecheck: "tsc -p tsconfig.json --noEmit",
        test: "vitest run",
        lint: "biome check .",
      });
    });
  },
);
