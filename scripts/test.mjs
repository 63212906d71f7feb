#!/usr/bin/env node
// Runs every package's tests through turbo, then prints one summary line over all of them.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const workspaces = ["packages", "apps", "tooling", "tests"].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name)) : [],
);
const reportOf = (dir) => join(dir, ".test-results", "vitest.json");
for (const dir of workspaces) rmSync(reportOf(dir), { force: true });

const run = spawnSync(
  "pnpm",
  [
    "exec",
    "turbo",
    "run",
    "test",
    "--output-logs=new-only",
    "--concurrency=2",
    "--continue",
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: "inherit",
  },
);

const totals = { passed: 0, failed: 0, skipped: 0, files: 0, packages: 0 };
for (const dir of workspaces) {
  if (!existsSync(reportOf(dir))) continue;
  const report = JSON.parse(readFileSync(reportOf(dir), "utf8"));
  totals.packages += 1;
  totals.files += report.numTotalTestSuites ?? 0;
  totals.passed += report.numPassedTests ?? 0;
  totals.failed +=
    (report.numFailedTests ?? 0) + (report.success === false && !report.numFailedTests ? 1 : 0);
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
const failed = run.status !== 0 ? Math.max(totals.failed, 1) : totals.failed;
console.log(
  `\nTests across ${totals.packages} packages: ${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`,
);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
