// Runs the snapshot workflow's "commit back" step (taken verbatim from .github/workflows/snapshots.yml) against
// real git repositories: a bare origin and a checkout at the pull request's head, as actions/checkout leaves it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "./support/repo.js";
import { type CommandResult, describeResult, runCommand } from "./support/run.js";

const BRANCH = "feature/new-tool";
const GENERATED = "apps/mcp-server/src/generated";

interface Step {
  name?: string;
  run?: string;
}
const workflow = parse(readFileSync(join(repoRoot, ".github/workflows/snapshots.yml"), "utf8")) as {
  jobs: { update: { steps: Step[] } };
};
const commitStep = workflow.jobs.update.steps.find((step) => step.name?.startsWith("Commit back"))?.run ?? "";

let root = "";
let origin = "";
let checkout = "";

async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await runCommand("git", args, { cwd, timeoutMs: 20_000 });
  expect(result.code, describeResult(`git ${args.join(" ")}`, result)).toBe(0);
  return result.stdout.trim();
}

function write(base: string, path: string, text: string): void {
  mkdirSync(dirname(join(base, path)), { recursive: true });
  writeFileSync(join(base, path), text);
}

async function identify(cwd: string): Promise<void> {
  await git(cwd, "config", "user.email", "dev@example.com");
  await git(cwd, "config", "user.name", "developer");
  await git(cwd, "config", "commit.gpgsign", "false");
}

/** The step's shell script, with the env the workflow gives it (GitHub runs `bash -e -o pipefail`). */
function runCommitStep(startedAt: string): Promise<CommandResult> {
  return runCommand("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", commitStep], {
    cwd: checkout,
    env: { PATH: process.env.PATH, HOME: root, BRANCH, STARTED_AT: startedAt, GIT_TERMINAL_PROMPT: "0" },
    timeoutMs: 30_000,
  });
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "toolwright-snapshots-"));
  origin = join(root, "origin.git");
  const seed = join(root, "seed");
  checkout = join(root, "checkout");
  await git(root, "init", "--quiet", "--bare", "--initial-branch=main", origin);
  await git(root, "clone", "--quiet", origin, seed);
  await identify(seed);
  write(seed, `${GENERATED}/tool-schemas/alerts-list.json`, '{ "type": "object" }\n');
  await git(seed, "add", "-A");
  await git(seed, "commit", "--quiet", "-m", "base");
  await git(seed, "push", "--quiet", "origin", `HEAD:refs/heads/${BRANCH}`);
  await git(root, "clone", "--quiet", "--branch", BRANCH, origin, checkout);
  // actions/checkout with `ref: <sha>` leaves a detached HEAD at the pull request's head.
  await git(checkout, "checkout", "--quiet", "--detach");
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

it("is in the workflow", () => {
  expect(commitStep).toContain("git push origin");
});

it("does nothing when regeneration changed no file", async () => {
  const head = await git(checkout, "rev-parse", "HEAD");
  const result = await runCommitStep(head);
  expect(result.code, describeResult("commit step", result)).toBe(0);
  expect(result.stdout).toContain("Snapshots are already up to date");
  expect(await git(origin, "rev-parse", BRANCH)).toBe(head);
});

it("commits the regenerated files and pushes them when the branch is still at the starting commit", async () => {
  const head = await git(checkout, "rev-parse", "HEAD");
  write(checkout, `${GENERATED}/tool-schemas/workflows-delete.json`, '{ "type": "object" }\n');
  const result = await runCommitStep(head);
  expect(result.code, describeResult("commit step", result)).toBe(0);
  expect(result.stdout).toContain(`Pushed regenerated snapshots to ${BRANCH}.`);
  const pushed = await git(origin, "rev-parse", BRANCH);
  expect(await git(origin, "rev-parse", `${pushed}^`)).toBe(head);
  expect(await git(origin, "show", "--name-only", "--format=%s", pushed)).toContain(
    `${GENERATED}/tool-schemas/workflows-delete.json`,
  );
});

it("skips with a clear message, pushing nothing, when the branch moved since the run started", async () => {
  const head = await git(checkout, "rev-parse", "HEAD");
  const other = join(root, "other");
  await git(root, "clone", "--quiet", "--branch", BRANCH, origin, other);
  await identify(other);
  write(other, "README.md", "a newer commit on the branch\n");
  await git(other, "add", "-A");
  await git(other, "commit", "--quiet", "-m", "newer work");
  await git(other, "push", "--quiet", "origin", BRANCH);
  const moved = await git(origin, "rev-parse", BRANCH);

  write(checkout, `${GENERATED}/tool-schemas/workflows-delete.json`, '{ "type": "object" }\n');
  const result = await runCommitStep(head);
  expect(result.code, describeResult("commit step", result)).toBe(0);
  expect(result.stdout).toContain(
    `::warning title=Snapshot update skipped::${BRANCH} moved from ${head} to ${moved}`,
  );
  expect(await git(origin, "rev-parse", BRANCH)).toBe(moved);
});
