import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { generate } from "../../generate.js";
import { writeFileAtomic } from "../../output/write-file-atomic.js";
import { scaffold } from "../../scaffold/scaffold.js";
import { loadSpec } from "../../spec/load-spec.js";
import { type CliIo, EXIT, progressLine } from "../cli-io.js";
import { codegenOptions, parseCommand, UsageError } from "../command-options.js";
import { help, reportGenerated } from "./generate-command.js";

export const SCAFFOLD_HELP = `Usage: toolwright scaffold --spec FILE --out FILE [options]

Writes a starter definition file with one tool per matching operation. Tools are disabled with a
'disabled_reason' unless --enabled; names come from operationIds (or method and path).

  --spec FILE          OpenAPI 3.0/3.1 document
  --out FILE           the YAML file to write
  --tag TAG            only operations with this tag
  --path-prefix PATH   only operations whose path starts with PATH
  --enabled            write tools enabled
  --feature ID         the file's feature (default: from the tag or spec title)
  --category NAME      the file's category (default: the tag or spec title)
  --url-prefix PATH    the file's url_prefix (default: /)
  --generate DIR       then generate the outputs of this file into DIR, in the same run (as
                       toolwright generate --spec FILE --definitions OUT --out DIR; the spec is
                       read once; --upstream and a toolwright.config.json's upstream apply)
  --upstream URL       with --generate: the default upstream base URL
  --force              overwrite an existing file
  -h, --help           show this help`;

const OPTIONS = {
  spec: { type: "string" },
  out: { type: "string" },
  tag: { type: "string" },
  "path-prefix": { type: "string" },
  enabled: { type: "boolean" },
  feature: { type: "string" },
  category: { type: "string" },
  "url-prefix": { type: "string" },
  generate: { type: "string" },
  upstream: { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `toolwright scaffold`. */
export async function scaffoldCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parseCommand(argv, OPTIONS);
  if (values.help) return help(io, SCAFFOLD_HELP);
  if (!values.spec || !values.out) throw new UsageError("scaffold needs --spec and --out");
  if (values.tag && values["path-prefix"]) throw new UsageError("use --tag or --path-prefix, not both");
  if (values.upstream && !values.generate) throw new UsageError("--upstream needs --generate");
  const out = resolve(io.cwd, values.out);
  if (existsSync(out) && !values.force) {
    throw new UsageError(
      `${values.out} exists; pass --force to overwrite it, or use toolwright sync to update it`,
    );
  }
  const spec = await loadSpec(resolve(io.cwd, values.spec));
  const result = scaffold(spec, {
    tag: values.tag,
    pathPrefix: values["path-prefix"],
    enabled: values.enabled,
    feature: values.feature,
    category: values.category,
    urlPrefix: values["url-prefix"],
  });
  if (result.tools === 0) throw new UsageError("no operation matches the filters; nothing to scaffold");
  await writeFileAtomic(out, result.text);
  const unsupported =
    result.unsupported > 0 ? ` (${result.unsupported} disabled: body type not supported)` : "";
  io.stdout(`scaffolded ${result.tools} tools into ${values.out}${unsupported}\n`);
  if (values.generate) {
    const options = await codegenOptions(
      { spec: values.spec, definitions: [out], out: values.generate, upstream: values.upstream },
      io.cwd,
    );
    const onProgress = progressLine(io, "generating tools");
    reportGenerated(io, await generate(options, onProgress ? { onProgress } : {}, { spec }), values.generate);
  }
  return EXIT.ok;
}
