// scripts/check-changesets.mjs against a small throwaway git repository shaped like this workspace.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { repoRoot } from "./support/repo.js";
import { type CommandResult, describeResult, runCommand } from "./support/run.js";

const script = join(repoRoot, "scripts/check-changesets.mjs");
let repo = "";

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

async function git(...args: string[]): Promise<void> {
  const result = await runCommand("git", args, { cwd: repo, timeoutMs: 20_000 });
  expect(result.code, describeResult(`git ${args.join(" ")}`, result)).toBe(0);
}

function check(...args: string[]): Promise<CommandResult> {
  const env = { ...process.env, GITHUB_BASE_REF: "" };
  return runCommand("node", [script, ...args], { cwd: repo, env, timeoutMs: 20_000 });
}

function manifest(name: string, isPrivate = false): string {
  const fields = isPrivate ? { private: true } : { files: ["dist", "bin", "README.md"] };
  return `${JSON.stringify({ name, version: "1.0.0", ...fields })}\n`;
}

beforeEach(async () => {
  repo = mkdtempSync(join(tmpdir(), "toolwright-changesets-"));
  await git("init", "--quiet", "--initial-branch=main");
  await git("config", "user.email", "test@example.com");
  await git("config", "user.name", "release test");
  await git("config", "commit.gpgsign", "false");
  write("pnpm-workspace.yaml", "packages:\n  - packages/*\n  - apps/*\n\ncatalog:\n  zod: ^4.0.0\n");
  write("packages/alpha/package.json", manifest("@acme/alpha"));
  write("packages/alpha/src/index.ts", "export const alpha = 1;\n");
  write("packages/beta/package.json", manifest("@acme/beta"));
  write("packages/beta/src/index.ts", "export const beta = 1;\n");
  write("apps/site/package.json", manifest("@acme/site", true));
  write(".changeset/README.md", "# Changesets\n");
  await git("add", "-A");
  await git("commit", "--quiet", "-m", "base");
  await git("checkout", "--quiet", "-b", "feature");
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

it("passes when nothing published changed", async () => {
  write("apps/site/index.ts", "export {};\n");
  const result = await check("--base", "main");
  expect(result.code, describeResult("check", result)).toBe(0);
});

it("fails naming the package and its files when shipped source changed without a changeset", async () => {
  write("packages/alpha/src/index.ts", "export const alpha = 2;\n");
  await git("commit", "--quiet", "-am", "change alpha");
  const result = await check("--base", "main");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("@acme/alpha changed without a changeset");
  expect(result.stderr).toContain("packages/alpha/src/index.ts");
  expect(result.stderr).toContain("pnpm changeset");
  expect(result.stderr).not.toContain("@acme/beta");
});

it("counts uncommitted and untracked files too", async () => {
  write("packages/beta/src/new-file.ts", "export {};\n");
  const result = await check("--base", "main");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("packages/beta/src/new-file.ts");
});

it("passes when a changeset added on the branch names the changed package", async () => {
  write("packages/alpha/src/index.ts", "export const alpha = 2;\n");
  write(".changeset/brave-lions.md", '---\n"@acme/alpha": patch\n---\n\nFix alpha.\n');
  await git("add", "-A");
  await git("commit", "--quiet", "-m", "alpha with changeset");
  const result = await check("--base", "main");
  expect(result.code, describeResult("check", result)).toBe(0);
  expect(result.stdout).toContain("@acme/alpha: 1 changed file(s), covered by a changeset");
});

it("does not count a changeset that names another package", async () => {
  write("packages/alpha/src/index.ts", "export const alpha = 2;\n");
  write(".changeset/brave-lions.md", '---\n"@acme/beta": patch\n---\n\nFix beta.\n');
  const result = await check("--base", "main");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("@acme/alpha changed without a changeset");
});

it("accepts an empty changeset as an explicit no-release", async () => {
  write("packages/alpha/src/index.ts", "export const alpha = 2;\n");
  write(".changeset/quiet-owls.md", "---\n---\n\nInternal refactor.\n");
  const result = await check("--base", "main");
  expect(result.code, describeResult("check", result)).toBe(0);
});

it("ignores tests, benches, fixtures and scratch files of a published package", async () => {
  write("packages/alpha/src/index.test.ts", "export {};\n");
  write("packages/alpha/src/__fixtures__/spec.json", "{}\n");
  write("packages/alpha/notes.tmp.mjs", "export {};\n");
  write("packages/alpha/test/more.test.ts", "export {};\n");
  write("packages/alpha/bench/speed.ts", "export {};\n");
  write("packages/alpha/vitest.config.ts", "export {};\n");
  const result = await check("--base", "main");
  expect(result.code, describeResult("check", result)).toBe(0);
});

it("counts what the package publishes through its files field: bins and README", async () => {
  write("packages/alpha/bin/alpha.js", "#!/usr/bin/env node\n");
  write("packages/alpha/README.md", "# alpha\n");
  const result = await check("--base", "main");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("packages/alpha/README.md");
  expect(result.stderr).toContain("packages/alpha/bin/alpha.js");
});

it("fails on a malformed changeset, naming the file and the problem", async () => {
  write(".changeset/broken.md", '---\n\n## "@acme/alpha": minor\n\nText.\n');
  write(".changeset/typo.md", '---\n"@acme/alpha": minnor\n---\n\nText.\n');
  write(".changeset/unknown.md", '---\n"@acme/gamma": patch\n---\n\nText.\n');
  const result = await check("--base", "main");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(".changeset/broken.md: has no closing `---` line");
  expect(result.stderr).toContain(".changeset/typo.md: line 2");
  expect(result.stderr).toContain(
    ".changeset/unknown.md: names @acme/gamma, which is not a workspace package",
  );
});

it("compares with the merge-base, so later commits on the base branch do not count", async () => {
  await git("checkout", "--quiet", "main");
  write("packages/beta/src/index.ts", "export const beta = 2;\n");
  await git("commit", "--quiet", "-am", "beta on main");
  await git("checkout", "--quiet", "feature");
  const result = await check("--base", "main");
  expect(result.code, describeResult("check", result)).toBe(0);
});

it("explains a missing base ref", async () => {
  const result = await check("--base", "origin/nowhere");
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("no base ref found (tried origin/nowhere)");
});

it("passes the version pull request, whose changesets were consumed into version bumps", async () => {
  write(".changeset/brave-lions.md", '---\n"@acme/alpha": minor\n---\n\nNew alpha.\n');
  write("packages/alpha/src/index.ts", "export const alpha = 2;\n");
  await git("add", "-A");
  await git("commit", "--quiet", "-m", "alpha with changeset");
  await git("checkout", "--quiet", "-b", "changeset-release/main");
  await git("rm", "--quiet", ".changeset/brave-lions.md");
  write("packages/alpha/package.json", manifest("@acme/alpha").replace("1.0.0", "1.1.0"));
  write("packages/alpha/CHANGELOG.md", "# @acme/alpha\n\n## 1.1.0\n\n- New alpha.\n");
  const result = await check("--base", "feature");
  expect(result.code, describeResult("check", result)).toBe(0);
  expect(result.stdout).toContain("@acme/alpha: released as 1.1.0 (was 1.0.0)");
});

it("lets a never-released package (0.0.0) change under its pending first-release changeset", async () => {
  write("packages/beta/package.json", manifest("@acme/beta").replace("1.0.0", "0.0.0"));
  write(".changeset/beta-initial.md", '---\n"@acme/beta": minor\n---\n\nFirst release.\n');
  await git("add", "-A");
  await git("commit", "--quiet", "-m", "beta is new");
  await git("checkout", "--quiet", "-b", "more-beta");
  write("packages/beta/src/index.ts", "export const beta = 2;\n");
  write("packages/alpha/src/index.ts", "export const alpha = 2;\n");
  const result = await check("--base", "feature");
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(
    "@acme/beta: 1 changed file(s), unreleased; covered by its pending first-release",
  );
  expect(result.stderr).toContain("@acme/alpha changed without a changeset");
});
