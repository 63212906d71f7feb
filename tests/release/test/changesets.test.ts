// `pnpm version-packages` on a clean copy of this repo: versions bump, changelogs appear, the pending changesets
// are consumed and the version constants shipped in code follow their package.json.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedPackages, readManifest, repoRoot, workspacePackages } from "./support/repo.js";
import { describeResult, runCommand } from "./support/run.js";

/** Folders a fresh clone would not have (installed, built or produced at run time). */
const NOT_IN_A_CLONE = new Set([
  "node_modules",
  ".git",
  "dist",
  ".turbo",
  ".data",
  ".cache",
  ".test-results",
]);

/** Parses the bumps a changeset front matter declares, e.g. `"@toolwright/core": minor`. */
function releasesIn(text: string): Map<string, string> {
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text.replace(/\r\n/g, "\n"))?.[1] ?? "";
  return new Map(
    [...frontMatter.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((match) => [
      match[1] ?? "",
      match[2] ?? "",
    ]),
  );
}

/** The highest bump each package gets from the pending changesets in the repo. */
function pendingBumps(): Map<string, string> {
  const order = ["patch", "minor", "major"];
  const bumps = new Map<string, string>();
  const dir = join(repoRoot, ".changeset");
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".md") && name !== "README.md")) {
    for (const [name, bump] of releasesIn(readFileSync(join(dir, file), "utf8"))) {
      if (order.indexOf(bump) > order.indexOf(bumps.get(name) ?? "")) bumps.set(name, bump);
    }
  }
  return bumps;
}

function bumped(version: string, bump: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

let copy = "";
let output = "";
const bumps = pendingBumps();
const before = new Map(publishedPackages().map((entry) => [entry.dir, entry.manifest.version]));

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), "toolwright-version-"));
  cpSync(repoRoot, copy, {
    recursive: true,
    filter: (source) =>
      !relative(repoRoot, source)
        .split(sep)
        .some((part) => NOT_IN_A_CLONE.has(part)),
  });
  // The copy borrows this checkout's installed tools (changesets CLI) instead of installing its own.
  symlinkSync(join(repoRoot, "node_modules"), join(copy, "node_modules"), "dir");
  const result = await runCommand("pnpm", ["run", "version-packages"], { cwd: copy, timeoutMs: 60_000 });
  output = describeResult("pnpm version-packages", result);
  expect(result.code, output).toBe(0);
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

it("has pending changesets for the published packages", () => {
  expect(bumps.size).toBeGreaterThan(0);
});

describe.each(publishedPackages().map((entry) => [entry.manifest.name, entry.dir] as const))(
  "%s",
  (name, dir) => {
    const read = (path: string) => readFileSync(join(copy, dir, path), "utf8");

    it("gets the version its changesets ask for, and a CHANGELOG entry for it", () => {
      const version = JSON.parse(read("package.json")).version as string;
      const bump = bumps.get(name);
      const previous = before.get(dir) ?? "";
      if (!bump) {
        expect(version).toBe(previous);
        return;
      }
      expect(version, output).toBe(bumped(previous, bump));
      expect(existsSync(join(copy, dir, "CHANGELOG.md")), output).toBe(true);
      expect(read("CHANGELOG.md")).toMatch(
        new RegExp(`^# ${name}\\n\\n## ${version.replaceAll(".", "\\.")}\\n`),
      );
    });

    it("keeps depending on workspace packages through workspace:*", () => {
      const manifest = JSON.parse(read("package.json")) as { dependencies?: Record<string, string> };
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        if (dependency.startsWith("@toolwright/")) expect(range, dependency).toBe("workspace:*");
      }
    });
  },
);

it("consumes every pending changeset", () => {
  expect(readdirSync(join(copy, ".changeset")).sort()).toEqual(["README.md", "config.json"]);
});

it("leaves private packages at their version", () => {
  for (const group of ["apps", "tooling", "tests"]) {
    for (const { dir, manifest } of workspacePackages(group)) {
      expect(readManifest(dir).version, dir).toBe(manifest.version);
      expect(JSON.parse(readFileSync(join(copy, dir, "package.json"), "utf8")).version, dir).toBe(
        manifest.version,
      );
      expect(existsSync(join(copy, dir, "CHANGELOG.md")), dir).toBe(false);
    }
  }
});

it("syncs the analytics LIBRARY_VERSION constant to the new package version", () => {
  const version = JSON.parse(readFileSync(join(copy, "packages/analytics/package.json"), "utf8")).version;
  const vocabulary = readFileSync(join(copy, "packages/analytics/src/events/vocabulary.ts"), "utf8");
  expect(vocabulary).toContain(`export const LIBRARY_VERSION = "${version}";`);
  expect(output).toMatch(/@toolwright\/analytics .*vocabulary\.ts: (updated|in sync)/);
});

it("then reports no version drift", async () => {
  const result = await runCommand("node", ["scripts/sync-versions.mjs", "--check"], {
    cwd: copy,
    timeoutMs: 20_000,
  });
  expect(result.code, describeResult("sync-versions --check", result)).toBe(0);
});
