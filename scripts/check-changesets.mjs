#!/usr/bin/env node
// Fails when a published package's shipped files changed since the base ref without a changeset naming it,
// or when any pending changeset is malformed. Usage: node scripts/check-changesets.mjs [--base REF]
// The base defaults to origin/$GITHUB_BASE_REF in a pull request, else origin/main, else main; the comparison
// starts at the merge-base, so commits that landed on the base after the branch point do not count.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const BUMPS = new Set(["major", "minor", "patch"]);

/** Test-only files, even inside src/: they never reach users. */
const TEST_ONLY = [/(^|\/)(__fixtures__|__snapshots__)\//, /\.test(-d)?\.ts$/];

function git(root, args) {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function refExists(root, ref) {
  try {
    git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

function parseArguments(argv) {
  const index = argv.indexOf("--base");
  if (index === -1) return { base: undefined };
  const base = argv[index + 1];
  if (!base || base.startsWith("--")) throw new Error("--base needs a git ref, e.g. --base origin/main");
  return { base };
}

function resolveBase(root, requested) {
  const candidates = requested
    ? [requested]
    : [process.env.GITHUB_BASE_REF && `origin/${process.env.GITHUB_BASE_REF}`, "origin/main", "main"];
  const base = candidates.filter(Boolean).find((ref) => refExists(root, ref));
  if (!base) {
    throw new Error(
      `no base ref found (tried ${candidates.filter(Boolean).join(", ")}); pass --base REF, and in CI fetch history (actions/checkout fetch-depth: 0)`,
    );
  }
  return { base, mergeBase: git(root, ["merge-base", base, "HEAD"]).trim() };
}

/** Every file that differs from the merge-base: committed, staged, unstaged and untracked. */
function changedFiles(root, mergeBase) {
  const tracked = git(root, ["diff", "--name-only", "-z", mergeBase]).split("\0");
  const untracked = git(root, ["ls-files", "--others", "--exclude-standard", "-z"]).split("\0");
  return [...new Set([...tracked, ...untracked].filter(Boolean))].sort();
}

/** Workspace packages (directory and manifest) from the globs in pnpm-workspace.yaml. */
function workspacePackages(root) {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const section = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? "";
  const globs = [...section.matchAll(/^\s+-\s+["']?([^"'\s]+)\/\*["']?\s*$/gm)].map((match) => match[1]);
  return globs.flatMap((group) => {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) return [];
    return readdirSync(groupDir)
      .map((name) => `${group}/${name}`)
      .filter((dir) => existsSync(join(root, dir, "package.json")))
      .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) }));
  });
}

/** Parses a changeset's front matter into `{ releases: Map<name, bump> }` or `{ problems: string[] }`. */
export function parseChangeset(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") return { problems: ["does not start with a `---` front matter line"] };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === "---");
  if (end === -1) return { problems: ["has no closing `---` line after the package list"] };
  const releases = new Map();
  const problems = [];
  lines.slice(1, end).forEach((line, index) => {
    if (line.trim() === "") return;
    const match = /^\s*["']?([^"':\s]+)["']?\s*:\s*(\S+)\s*$/.exec(line);
    if (!match || !BUMPS.has(match[2])) {
      problems.push(
        `line ${index + 2}: expected \`"@scope/name": major|minor|patch\`, got \`${line.trim()}\``,
      );
      return;
    }
    releases.set(match[1], match[2]);
  });
  return problems.length > 0 ? { problems } : { releases };
}

function readChangesets(root, names) {
  return names.map((file) => {
    const text = readFileSync(join(root, file), "utf8");
    return { file, ...parseChangeset(text) };
  });
}

function pendingChangesetFiles(root) {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .map((name) => `.changeset/${name}`);
}

/** The package's version at the base, or undefined when the package did not exist there. */
function versionAt(root, ref, dir) {
  try {
    return JSON.parse(git(root, ["show", `${ref}:${dir}/package.json`])).version;
  } catch {
    return undefined;
  }
}

/**
 * Whether a file reaches the package's users: its manifest, sources compiled into dist, the build config, or
 * anything its `files` field publishes. Tests, benches, scratch files and dev configs do not.
 */
function isShipped(fileInPackage, manifest) {
  if (TEST_ONLY.some((pattern) => pattern.test(fileInPackage))) return false;
  if (["package.json", "tsconfig.build.json"].includes(fileInPackage)) return true;
  if (fileInPackage.startsWith("src/")) return true;
  if (fileInPackage === "CHANGELOG.md") return false;
  return (manifest.files ?? []).some(
    (entry) => fileInPackage === entry || fileInPackage.startsWith(`${entry.replace(/\/$/, "")}/`),
  );
}

/** Problems in the pending changesets themselves: malformed front matter, unknown package names. */
function changesetProblems(pending, known) {
  return pending.flatMap((changeset) => [
    ...(changeset.problems ?? []).map((problem) => `${changeset.file}: ${problem}`),
    ...[...(changeset.releases?.keys() ?? [])]
      .filter((name) => !known.has(name))
      .map((name) => `${changeset.file}: names ${name}, which is not a workspace package`),
  ]);
}

/** Why a changed package is fine (a line to print), or undefined when it lacks a changeset. */
function coverage({ root, mergeBase, dir, manifest, files, named, pendingNamed, declaredEmpty }) {
  const baseVersion = versionAt(root, mergeBase, dir);
  // The "version packages" pull request: its changesets were consumed into this version bump.
  if (baseVersion !== undefined && baseVersion !== manifest.version)
    return `released as ${manifest.version} (was ${baseVersion})`;
  if (named.has(manifest.name)) return `${files.length} changed file(s), covered by a changeset`;
  // Never released yet: the pending first-release changeset describes the package as a whole.
  if (manifest.version === "0.0.0" && pendingNamed.has(manifest.name))
    return `${files.length} changed file(s), unreleased; covered by its pending first-release changeset`;
  if (declaredEmpty) return `${files.length} changed file(s), an empty changeset declares no release`;
  return undefined;
}

function missingChangeset(name, files) {
  const shown = files.slice(0, 10).map((file) => `      ${file}`);
  if (files.length > 10) shown.push(`      … and ${files.length - 10} more`);
  return [
    `${name} changed without a changeset:`,
    ...shown,
    `    run \`pnpm changeset\`, select ${name} and describe the change for its users`,
    "    (or `pnpm changeset --empty` when the change does not reach them).",
  ].join("\n");
}

function main() {
  const root = git(process.cwd(), ["rev-parse", "--show-toplevel"]).trim();
  const { base: requested } = parseArguments(process.argv.slice(2));
  const { base, mergeBase } = resolveBase(root, requested);
  const changed = changedFiles(root, mergeBase);
  const packages = workspacePackages(root);
  console.log(`changeset:check: comparing with ${base} (merge-base ${mergeBase.slice(0, 7)})`);

  const pending = readChangesets(root, pendingChangesetFiles(root));
  const failures = changesetProblems(pending, new Set(packages.map((entry) => entry.manifest.name)));
  const added = pending.filter((changeset) => changed.includes(changeset.file));
  const named = new Set(added.flatMap((changeset) => [...(changeset.releases?.keys() ?? [])]));
  const pendingNamed = new Set(pending.flatMap((changeset) => [...(changeset.releases?.keys() ?? [])]));
  const declaredEmpty = added.some((changeset) => changeset.releases?.size === 0);

  for (const { dir, manifest } of packages.filter((entry) => entry.manifest.private !== true)) {
    const files = changed.filter(
      (file) => file.startsWith(`${dir}/`) && isShipped(file.slice(dir.length + 1), manifest),
    );
    if (files.length === 0) continue;
    const reason = coverage({ root, mergeBase, dir, manifest, files, named, pendingNamed, declaredEmpty });
    if (reason) console.log(`  ok ${manifest.name}: ${reason}`);
    else failures.push(missingChangeset(manifest.name, files));
  }

  if (failures.length === 0) {
    console.log("changeset:check: every changed published package has a changeset.");
    return 0;
  }
  for (const failure of failures) console.error(`  ✗ ${failure}`);
  console.error(`changeset:check: ${failures.length} problem(s).`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(`changeset:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
