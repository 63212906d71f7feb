// The `toolwright` CLI run from the workspace sources (no build needed): `pnpm toolwright <command>`.
import { runCli } from "@toolwright/codegen";

process.exitCode = await runCli(process.argv.slice(2));
