import { check, describeOrphan } from "../../generate.js";
import { type CliIo, EXIT, printJson, progressLine } from "../cli-io.js";
import { CONFIG_HELP, CONFIG_OPTIONS, codegenOptions, parseCommand } from "../command-options.js";
import { help } from "./generate-command.js";

export const CHECK_HELP = `Usage: toolwright check [options]

Fails (exit 1) when any generated file is stale, missing or orphaned, or when a definition names an
operation the spec no longer has. Writes nothing. Run it in CI.

${CONFIG_HELP}
  --json               the stale files and orphaned tools as JSON
  -h, --help           show this help`;

const OPTIONS = { ...CONFIG_OPTIONS, json: { type: "boolean" } } as const;

/** `toolwright check`. */
export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parseCommand(argv, OPTIONS);
  if (values.help) return help(io, CHECK_HELP);
  const options = await codegenOptions(values, io.cwd);
  const onProgress = progressLine(io, "checking tools");
  const result = await check(options, onProgress ? { onProgress } : {});
  const upToDate = result.orphans.length === 0 && result.stale.length === 0;
  if (values.json) {
    const orphans = result.orphans.map((orphan) => ({ ...orphan, message: describeOrphan(orphan) }));
    printJson(io, { upToDate, stale: result.stale, orphans });
    return upToDate ? EXIT.ok : EXIT.findings;
  }
  for (const orphan of result.orphans) io.stdout(`orphaned: ${describeOrphan(orphan)}\n`);
  for (const stale of result.stale) io.stdout(`stale: ${stale.path} (${stale.reason})\n`);
  if (upToDate) {
    io.stdout("generated files are up to date\n");
    return EXIT.ok;
  }
  io.stdout(
    `${result.stale.length} stale file(s), ${result.orphans.length} orphaned tool(s); run toolwright generate (and toolwright sync for orphans)\n`,
  );
  return EXIT.findings;
}
