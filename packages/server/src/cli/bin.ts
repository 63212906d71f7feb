import { runServeCli } from "./run-serve-cli.js";

// The executable entry: `toolwright-serve` in production, `tsx --conditions=@toolwright/source` in dev.
process.exitCode = await runServeCli(process.argv.slice(2));
