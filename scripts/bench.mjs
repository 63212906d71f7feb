#!/usr/bin/env node
// Runs every package's `bench` script, one at a time (benchmarks must not share the 2 cores), and
// leaves the results in docs/benchmarks.md. Pass a package name to run only its benchmark.
import { spawnSync } from "node:child_process";

const filter = process.argv[2] ? ["--filter", process.argv[2]] : [];
const run = spawnSync("pnpm", ["exec", "turbo", "run", "bench", "--concurrency=1", ...filter], {
  stdio: "inherit",
  cwd: new URL("..", import.meta.url).pathname,
});
process.exit(run.status ?? 1);
