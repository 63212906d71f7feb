import { check, describeOrphan } from "../../generate.js";
import { type CliIo, EXIT, progressLine } from "../cli-io.js";
import { CONFIG_HELP, CONFIG_OPTIONS, codegenOptions, parseCommand } from "../command-options.js";
import { help } from "./generate-command.js";

export const CHECK_HELP = `Usage: toolwright check [options]

Fails (exit 1) when any generated file is stale, missing or orphaned, or when a definition names an
operation the spec no longer has. Writes nothing. Run it in CI.

${CONFIG_HELP}
  -h, --help           show this help`;

/** `toolwright check`. */
export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parseCommand(argv, CONFIG_OPTIONS);
  if (values.help) return help(io, CHECK_HELP);
  const options = await codegenOptions(values, io.cwd);
  const onProgress = progressLine(io, "checking tools");
  const result = await check(options, onProgress ? { onProgress } : {});
  for (const orphan of result.orphans) io.stdout(`orphaned: ${describeOrphan(orphan)}\n`);
  for (const stale of result.stale) io.stdout(`stale: ${stale.path} (${stale.reason})\n`);
  if (result.orphans.length === 0 && result.stale.length === 0) {
    io.stdout("generated files are up to date\n");
    return EXIT.ok;
  }
  io.stdout(
    `${result.stale.length} stale file(s), ${result.orphans.length} orphaned tool(s); run toolwright generate (and toolwright sync for orphans)\n`,
  );
  return EXIT.findings;
}
