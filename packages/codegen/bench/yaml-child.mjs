// One measurement of the YAML benchmark, in a fresh Node process (as every `toolwright` command
// reads its definitions once): `read <file>` through core's reader, `document <file>` through the
// `yaml` document model alone, `write-<writer> <file>` writing the file's data back as YAML.
// Prints the measured milliseconds as JSON; the time includes loading the libraries it uses.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DefinitionFileSchema, safeParseDefinitionFile } from "@toolwright/core";

const require = createRequire(import.meta.url);
const [mode, file] = process.argv.slice(2);
const source = readFileSync(file, "utf8");

/** The one-reader alternative: the full document model with positions, then the same validation. */
function readWithDocument() {
  const { LineCounter, parseDocument } = require("yaml");
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) throw new Error(document.errors[0].message);
  const parsed = DefinitionFileSchema.safeParse(document.toJS(), { reportInput: true });
  if (!parsed.success) throw new Error(parsed.error.message);
  const toolLines = {};
  for (const pair of document.get("tools", true).items)
    toolLines[pair.key.value] = lines.linePos(pair.key.range[0]).line;
  return Object.keys(toolLines).length;
}

const writers = {
  block: async () => (await import("../dist/scaffold/block-yaml.js")).blockYaml,
  yaml: async () => require("yaml").stringify,
  "js-yaml": async () => require("js-yaml").dump,
};

let data;
if (mode.startsWith("write-")) data = require("js-yaml").load(source);
const start = performance.now();
let size;
if (mode === "read") {
  const result = safeParseDefinitionFile(source, file);
  if (!result.success) throw new Error(result.issues[0].message);
  size = Object.keys(result.toolLines).length;
} else if (mode === "document") {
  size = readWithDocument();
} else {
  const write = await writers[mode.slice("write-".length)]();
  size = write(data).length;
}
const ms = performance.now() - start;
// A run that read no tool or wrote nothing measured nothing.
if (!(size > 0)) throw new Error(`${mode} ${file}: nothing read or written`);
process.stdout.write(JSON.stringify({ ms }));
