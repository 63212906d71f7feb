#!/usr/bin/env node
// The published entry point: runs the bundled CLI (dist/cli/toolwright.js, see scripts/bundle-cli.mjs) and exits with its code.
import { setFlagsFromString } from "node:v8";

// These commands run for well under a second on most specs: V8 would spend more CPU compiling
// optimised code for functions called a few hundred times than that code saves. Raising the budget
// before a function is optimised (8x) keeps that for the truly hot ones: measured 10-25% less CPU
// for check and generate on Stripe and GitHub, no slower. `lint` (seconds of schema compiling on
// large specs) and the long-running `serve` keep V8's defaults: they need the optimised code.
const SHORT_COMMANDS = new Set(["generate", "check", "scaffold", "sync", "inspect"]);
if (SHORT_COMMANDS.has(process.argv[2] ?? "")) setFlagsFromString("--interrupt-budget=540672");

const { runCli } = await import("../dist/cli/toolwright.js");
process.exitCode = await runCli(process.argv.slice(2));
