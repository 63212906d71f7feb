import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "@toolwright/core/internal";
import { generate } from "../../generate.js";
import { writeFileAtomic } from "../../output/write-file-atomic.js";
import { type ScaffoldResult, scaffold } from "../../scaffold/scaffold.js";
import { loadSpec } from "../../spec/load-spec.js";
import { type CliIo, EXIT, printJson, progressLine } from "../cli-io.js";
import { codegenOptions, parseCommand } from "../command-options.js";
import { generatedJson, help, reportGenerated } from "./generate-command.js";

export const SCAFFOLD_HELP = `Usage: toolwright scaffold --spec FILE --out FILE [options]

Writes a starter definition file with one tool per matching operation. Tools are disabled with a
'disabled_reason' unless --enabled; names come from operationIds (or method and path). Write tools
(POST/PUT/PATCH) get no annotations and stay disabled, even with --enabled, until a person decides
them (toolwright lint lists them); --assume-annotations writes the method's guess instead.

  --spec FILE          OpenAPI 3.0/3.1 document
  --out FILE           the YAML file to write
  --tag TAG            only operations with this tag
  --path-prefix PATH   only operations whose path starts with PATH
  --enabled            write tools enabled
  --feature ID         the file's feature (default: the tag, else the product in the first server's
                       host, e.g. api.github.com -> github, else the spec title's first words)
  --category NAME      the file's category (default: the tag or spec title)
  --url-prefix PATH    the file's url_prefix (default: /)
  --generate DIR       then generate the outputs of this file into DIR, in the same run (as
                       toolwright generate --spec FILE --definitions OUT --out DIR; the spec is
                       read once; --upstream and a toolwright.config.json's upstream apply)
  --upstream URL       with --generate: the default upstream base URL
  --assume-annotations write POST/PUT/PATCH tools with the method's guessed annotations (all false,
                       PUT idempotent) instead of leaving them undecided and disabled
  --force              overwrite an existing file
  --json               what was written (and generated), as JSON
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
  "assume-annotations": { type: "boolean" },
  json: { type: "boolean" },
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
    assumeAnnotations: values["assume-annotations"],
  });
  if (result.tools === 0) throw new UsageError("no operation matches the filters; nothing to scaffold");
  await writeFileAtomic(out, result.text);
  if (!values.json) io.stdout(`${scaffoldSummary(result, values.out)}\n`);
  const report = {
    out,
    feature: result.feature,
    tools: result.tools,
    undecided: result.undecided,
    unsupported: result.unsupported,
  };
  if (!values.generate) {
    if (values.json) printJson(io, report);
    return EXIT.ok;
  }
  const options = await codegenOptions(
    { spec: values.spec, definitions: [out], out: values.generate, upstream: values.upstream },
    io.cwd,
  );
  const onProgress = progressLine(io, "generating tools");
  const generated = await generate(options, onProgress ? { onProgress } : {}, { spec });
  if (values.json) printJson(io, { ...report, generated: generatedJson(generated, options.out) });
  else reportGenerated(io, generated, values.generate);
  return EXIT.ok;
}

function scaffoldSummary(result: ScaffoldResult, out: string): string {
  const notes = [
    result.unsupported > 0 && `${result.unsupported} disabled: body type not supported`,
    result.undecided > 0 && `${result.undecided} write tool(s) disabled until their annotations are decided`,
  ].filter(Boolean);
  const suffix = notes.length > 0 ? ` (${notes.join("; ")})` : "";
  return `scaffolded ${result.tools} tools into ${out}, feature '${result.feature}'${suffix}`;
}
