import { resolve } from "node:path";
import { loadDefinitions } from "../../definitions/load-definitions.js";
import { writeFileAtomic } from "../../output/write-file-atomic.js";
import { loadSpec } from "../../spec/load-spec.js";
import { planSync } from "../../sync/sync.js";
import { type CliIo, EXIT, printJson } from "../cli-io.js";
import { CONFIG_HELP, CONFIG_OPTIONS, codegenOptions, parseCommand } from "../command-options.js";
import { help } from "./generate-command.js";

export const SYNC_HELP = `Usage: toolwright sync [options]

Keeps the definition files in step with the spec without touching what you wrote: operations no
tool uses are added as disabled tools; tools whose operation is gone are reported (exit 1), and
removed with --fix.

${CONFIG_HELP}
  --into FILE          definition file that receives new operations (default: the first one)
  --tag TAG            only add operations with this tag
  --path-prefix PATH   only add operations whose path starts with PATH
  --fix                remove tools whose operation is gone
  --json               what was added and what is gone, as JSON
  -h, --help           show this help`;

const OPTIONS = {
  ...CONFIG_OPTIONS,
  into: { type: "string" },
  tag: { type: "string" },
  "path-prefix": { type: "string" },
  fix: { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** `toolwright sync`. */
export async function syncCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parseCommand(argv, OPTIONS);
  if (values.help) return help(io, SYNC_HELP);
  const options = await codegenOptions(values, io.cwd);
  const [spec, definitions] = await Promise.all([
    loadSpec(options.spec),
    loadDefinitions(options.definitions, options.baseDir),
  ]);
  const plan = planSync(spec, definitions, {
    into: values.into ? resolve(io.cwd, values.into) : undefined,
    tag: values.tag,
    pathPrefix: values["path-prefix"],
    fix: values.fix,
  });
  for (const [file, text] of plan.changes) await writeFileAtomic(file, text);
  const code = plan.gone.length > 0 && !values.fix ? EXIT.findings : EXIT.ok;
  if (values.json) {
    printJson(io, { added: plan.added, gone: plan.gone, removed: values.fix === true });
    return code;
  }
  for (const added of plan.added)
    io.stdout(`added: ${added.file}: tool '${added.tool}' (operation '${added.operation}', disabled)\n`);
  for (const gone of plan.gone) {
    const where = gone.line ? `${gone.file}:${gone.line}` : gone.file;
    io.stdout(
      `${values.fix ? "removed" : "gone"}: ${where}: tool '${gone.tool}': operation '${gone.operation}' is not in the spec\n`,
    );
  }
  if (plan.added.length === 0 && plan.gone.length === 0) io.stdout("definitions are in sync with the spec\n");
  return code;
}
