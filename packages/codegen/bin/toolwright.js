#!/usr/bin/env node
// The published entry point: runs the compiled CLI and exits with its code.
import { runCli } from "../dist/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2));
