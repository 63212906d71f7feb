import type { ToolConfigInput } from "@toolwright/core";
import { isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import type { DefinitionSource } from "../definitions/load-definitions.js";
import { blockYaml } from "../scaffold/block-yaml.js";
import { matchesFilters, scaffoldTool } from "../scaffold/scaffold.js";
import { uniqueToolName } from "../scaffold/tool-names.js";
import type { LoadedSpec } from "../spec/load-spec.js";
import { indexOperations, listOperations, methodPathId } from "../spec/operations.js";

/** What `sync` found and, for files it changes, their new text. */
export interface SyncPlan {
  added: Array<{ file: string; tool: string; operation: string }>;
  /** Tools whose operation the spec no longer has. */
  gone: Array<{ file: string; line?: number; tool: string; operation: string }>;
  /** New text of each changed definition file, by absolute path. */
  changes: Map<string, string>;
}

export interface SyncOptions {
  /** Absolute path of the definition file new operations are added to (default: the first one). */
  into?: string | undefined;
  tag?: string | undefined;
  pathPrefix?: string | undefined;
  /** Also remove the tools whose operation is gone. */
  fix?: boolean | undefined;
}

/**
 * Plans a drift sync: every spec operation (matching the filters) that no definition uses is added
 * as a disabled tool; tools whose operation is gone are reported, and removed with `fix`. A changed
 * file is edited in place: new tools are inserted after the last entry of `tools`, removed ones cut
 * out, and every other byte (comments, folded text, quoting, blank lines) stays as written.
 */
export function planSync(
  spec: LoadedSpec,
  definitions: readonly DefinitionSource[],
  options: SyncOptions = {},
): SyncPlan {
  const operations = listOperations(spec.document);
  const index = indexOperations(operations);
  const used = new Set<string>();
  const taken = new Set<string>();
  const plan: SyncPlan = { added: [], gone: [], changes: new Map() };
  for (const source of definitions) {
    for (const [tool, config] of Object.entries(source.definition.tools)) {
      taken.add(tool);
      const operation = index.get(config.operation);
      if (operation) used.add(methodPathId(operation.method, operation.path));
      else {
        const line = source.toolLines?.[tool];
        plan.gone.push({ file: source.file, ...(line ? { line } : {}), tool, operation: config.operation });
      }
    }
  }
  const target = definitions.find((source) => source.absolutePath === options.into) ?? definitions[0];
  const edits = new Map<string, FileEdits>();
  const editsOf = (source: DefinitionSource) => {
    let fileEdits = edits.get(source.absolutePath);
    if (!fileEdits) {
      fileEdits = { source, add: {}, remove: [] };
      edits.set(source.absolutePath, fileEdits);
    }
    return fileEdits;
  };
  for (const operation of operations) {
    if (
      used.has(methodPathId(operation.method, operation.path)) ||
      !matchesFilters(operation, options) ||
      !target
    )
      continue;
    const tool = uniqueToolName(operation, taken);
    editsOf(target).add[tool] = scaffoldTool(operation, false);
    plan.added.push({ file: target.file, tool, operation: operation.id });
  }
  if (options.fix) {
    for (const gone of plan.gone) {
      const source = definitions.find((candidate) => candidate.file === gone.file);
      if (source) editsOf(source).remove.push(gone.tool);
    }
  }
  // Only files that were edited are rewritten.
  for (const [file, fileEdits] of edits) plan.changes.set(file, applyEdits(fileEdits));
  return plan;
}

/** What sync changes in one definition file. */
interface FileEdits {
  source: DefinitionSource;
  /** New tools by name, in the order they are added. */
  add: Record<string, ToolConfigInput>;
  /** Names of the tools to remove. */
  remove: string[];
}

/**
 * The file's new text. With a block `tools:` map (what scaffold writes and people edit), the text
 * is spliced: removed entries are cut from the start of their key's line to the end of their value,
 * new ones are inserted after the last entry with the entries' indentation. Anything else (a flow
 * map, no `tools`) goes through the YAML document, which keeps comments but may re-flow text.
 */
function applyEdits({ source, add, remove }: FileEdits): string {
  const text = source.text;
  const document = parseDocument(text);
  const tools = document.get("tools", true);
  const entries = isMap(tools) && !tools.flow ? blockEntries(tools, text) : null;
  if (!entries || entries.length === 0) {
    for (const [name, config] of Object.entries(add)) document.setIn(["tools", name], config);
    for (const name of remove) document.deleteIn(["tools", name]);
    return document.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  const splices: Array<{ start: number; end: number; insert: string }> = [];
  for (const name of remove) {
    const entry = entries.find((candidate) => candidate.name === name);
    if (entry) splices.push({ start: entry.start, end: entry.end, insert: "" });
  }
  const added = Object.entries(add);
  if (added.length > 0) {
    const last = entries[entries.length - 1] as BlockEntry;
    const indent = " ".repeat(last.indent);
    // New lines end like the file's own (CRLF files stay CRLF).
    const lineBreak = text.includes("\r\n") ? "\r\n" : "\n";
    const block = blockYaml(Object.fromEntries(added))
      .split("\n")
      .map((line) => (line ? `${indent}${line}` : line))
      .join(lineBreak);
    const newline = text.charAt(last.end - 1) === "\n" || last.end === 0 ? "" : lineBreak;
    splices.push({ start: last.end, end: last.end, insert: `${newline}${block}` });
  }
  // From the end backwards, so earlier offsets stay valid; an insertion sorts after a cut ending there.
  splices.sort((left, right) => right.start - left.start || left.end - right.end);
  let result = text;
  for (const splice of splices)
    result = result.slice(0, splice.start) + splice.insert + result.slice(splice.end);
  return result;
}

/** One entry of a block `tools:` map: its name, the text it spans (whole lines) and its indentation. */
interface BlockEntry {
  name: string;
  start: number;
  end: number;
  indent: number;
}

/** The entries of a block map with their text spans; null when one cannot be located in the text. */
function blockEntries(map: YAMLMap, text: string): BlockEntry[] | null {
  const entries: BlockEntry[] = [];
  for (const pair of map.items) {
    const key = pair.key;
    const keyRange = isScalar(key) ? key.range : undefined;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    if (!isScalar(key) || !keyRange || typeof key.value !== "string") return null;
    const start = text.lastIndexOf("\n", keyRange[0] - 1) + 1;
    // The entry ends with the line its value (or, for `name:` with no value, its key) ends on.
    const valueEnd = valueRange ? valueRange[2] : keyRange[2];
    const lineEnd = text.indexOf("\n", Math.max(valueEnd - 1, keyRange[2]));
    entries.push({
      name: key.value,
      start,
      end: lineEnd === -1 ? text.length : lineEnd + 1,
      indent: keyRange[0] - start,
    });
  }
  return entries;
}
