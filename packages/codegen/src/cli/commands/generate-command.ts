import { formatDefinitionIssue } from "@toolwright/core";
import { describeOrphan, type GenerateResult, generate } from "../../generate.js";
import { type CliIo, EXIT, printJson, progressLine } from "../cli-io.js";
import { CONFIG_HELP, CONFIG_OPTIONS, codegenOptions, parseCommand } from "../command-options.js";

export const GENERATE_HELP = `Usage: toolwright generate [options]

Reads the OpenAPI spec and the definition files and writes, into the output directory,
tool-definitions.json and tool-schemas/<tool>.json, and tools.gen.ts when asked (atomically).

${CONFIG_HELP}
  --json               what was written, as JSON
  -h, --help           show this help`;

const OPTIONS = { ...CONFIG_OPTIONS, json: { type: "boolean" } } as const;

/** `toolwright generate`. */
export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parseCommand(argv, OPTIONS);
  if (values.help) return help(io, GENERATE_HELP);
  const options = await codegenOptions(values, io.cwd);
  const onProgress = progressLine(io, "generating tools");
  const result = await generate(options, onProgress ? { onProgress } : {});
  if (values.json) printJson(io, generatedJson(result, options.out));
  else reportGenerated(io, result, options.out);
  return EXIT.ok;
}

/** Prints what a generate run wrote, and its orphaned disabled tools as warnings. */
export function reportGenerated(io: CliIo, result: GenerateResult, out: string): void {
  for (const orphan of result.warnings) io.stderr(`warning: ${describeOrphan(orphan)} (tool is disabled)\n`);
  for (const warning of result.run.built.warnings) io.stderr(`${formatDefinitionIssue(warning)}\n`);
  io.stdout(
    `generated ${result.run.built.catalog.tools.length} tools into ${out}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed\n`,
  );
}

/** What a generate run wrote, as `--json` prints it. */
export function generatedJson(result: GenerateResult, out: string) {
  return {
    out,
    tools: result.run.built.catalog.tools.length,
    written: result.written,
    unchanged: result.unchanged,
    removed: result.removed,
    warnings: result.warnings.map((orphan) => ({
      ...orphan,
      message: `${describeOrphan(orphan)} (tool is disabled)`,
    })),
  };
}

/** Prints a command's help and returns success. */
export function help(io: CliIo, text: string): number {
  io.stdout(`${text}\n`);
  return EXIT.ok;
}
