import { prepareRun } from "../../generate.js";
import { toolListSize } from "../../inspect/tool-list-size.js";
import { type CliIo, EXIT } from "../cli-io.js";
import { CONFIG_HELP, CONFIG_OPTIONS, codegenOptions, parseCommand } from "../command-options.js";
import { help } from "./generate-command.js";

export const INSPECT_HELP = `Usage: toolwright inspect [options]

Per tool and in total: the bytes (compact JSON, as sent) and estimated tokens of what tools/list
carries (name, title, description, inputSchema, annotations). Tokens are estimated as bytes / 4;
no tokenizer is run.

${CONFIG_HELP}
  --json               sizes as JSON
  -h, --help           show this help`;

const OPTIONS = { ...CONFIG_OPTIONS, json: { type: "boolean" } } as const;

/** `toolwright inspect`. */
export async function inspectCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parseCommand(argv, OPTIONS);
  if (values.help) return help(io, INSPECT_HELP);
  const run = await prepareRun(await codegenOptions(values, io.cwd));
  const sizes = toolListSize(run.built.catalog.tools);
  if (values.json) {
    io.stdout(`${JSON.stringify({ ...sizes, tokenEstimate: "bytes / 4" }, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(4, ...sizes.tools.map((tool) => tool.name.length));
  io.stdout(`${"tool".padEnd(width)}  ${"bytes".padStart(9)}  ${"~tokens".padStart(8)}\n`);
  for (const tool of sizes.tools) {
    io.stdout(
      `${tool.name.padEnd(width)}  ${String(tool.bytes).padStart(9)}  ${String(tool.tokens).padStart(8)}\n`,
    );
  }
  io.stdout(
    `${"total (tools/list)".padEnd(width)}  ${String(sizes.totalBytes).padStart(9)}  ${String(sizes.totalTokens).padStart(8)}\n`,
  );
  io.stdout("tokens are estimated as bytes / 4\n");
  return EXIT.ok;
}
