import { runCli } from "./main.js";

// Entry for running the CLI from sources with tsx; the published bin imports the compiled main.
process.exitCode = await runCli(process.argv.slice(2));
