import { createRequire } from "node:module";
import type { Document, LineCounter, YAMLError } from "yaml";
import type { z } from "zod";
import { type DefinitionFile, DefinitionFileSchema } from "./definition-file.js";
import { type DefinitionIssue, definitionIssuesError, describeZodIssue } from "./definition-issue.js";
import { closestKey } from "./did-you-mean.js";
import { type ForeignKey, stripForeignKeys } from "./foreign-keys.js";
import { readDefinitionYaml } from "./read-definition-yaml.js";
import { ParamOverrideSchema, ToolConfigSchema } from "./tool-config.js";

type YamlLibrary = typeof import("yaml");
let yamlLibrary: YamlLibrary | undefined;

/** The full YAML parser (node positions, worded errors), loaded only for files the fast reader cannot take. */
function yaml(): YamlLibrary {
  yamlLibrary ??= createRequire(import.meta.url)("yaml") as YamlLibrary;
  return yamlLibrary;
}

/** The outcome of parsing one definition file: the validated definition, or every problem found. */
export type ParseDefinitionResult =
  | {
      success: true;
      data: DefinitionFile;
      toolLines: Record<string, number>;
      /** Problems that do not stop the file loading (keys of other pipelines), each with its line. */
      warnings: DefinitionIssue[];
    }
  | { success: false; issues: DefinitionIssue[] };

type PathKey = PropertyKey;

/** The node that marks a path: the key of a map entry (its line is where the entry starts), or a sequence item. */
function markerAt(document: Document, path: readonly PathKey[]): unknown {
  if (path.length === 0) return document.contents;
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const last = path.at(-1);
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1) as unknown[], true);
  if (isMap(parent)) {
    return parent.items.find(
      (pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(last),
    )?.key;
  }
  if (isSeq(parent) && typeof last === "number") return parent.items[last];
  return undefined;
}

/** The line of the deepest entry on the path (plus `key`, for unknown keys) that exists in the document. */
function lineOf(
  document: Document,
  lines: LineCounter,
  path: readonly PathKey[],
  key?: string,
): number | undefined {
  const full = key === undefined ? path : [...path, key];
  for (let depth = full.length; depth >= 0; depth--) {
    const node = markerAt(document, full.slice(0, depth));
    if (yaml().isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function toolOf(path: readonly PathKey[]): string | undefined {
  return path[0] === "tools" && typeof path[1] === "string" ? path[1] : undefined;
}

function zodIssues(
  file: string,
  document: Document,
  lines: LineCounter,
  error: z.ZodError,
): DefinitionIssue[] {
  return error.issues.flatMap((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((unknownKey) => {
      const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
      const last = path.at(-1);
      const single = unknownKey === undefined ? issue : { ...issue, keys: [unknownKey] };
      const tool = toolOf(path);
      const line = lineOf(document, lines, issue.path, unknownKey);
      return {
        file,
        ...(line === undefined ? {} : { line }),
        ...(tool === undefined ? {} : { tool }),
        path: path.map(String).join("."),
        message: withSuggestion(
          describeZodIssue(single, typeof last === "string" ? last : undefined),
          issue.path,
          unknownKey,
        ),
      };
    });
  });
}

/** The keys allowed where an unknown key was found, for a did-you-mean; unknown places give none. */
function knownKeysAt(path: readonly PathKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(DefinitionFileSchema.shape);
  if (path[0] !== "tools") return [];
  if (path.length === 2) return Object.keys(ToolConfigSchema.shape);
  if (path.length === 4 && path[2] === "param_overrides") return Object.keys(ParamOverrideSchema.shape);
  if (path.length === 3 && path[2] === "response") return ["include", "exclude", "strip_nulls"];
  return [];
}

function withSuggestion(message: string, path: readonly PathKey[], unknownKey: string | undefined): string {
  if (unknownKey === undefined) return message;
  const suggestion = closestKey(unknownKey, knownKeysAt(path));
  return suggestion ? `${message}; did you mean '${suggestion}'?` : message;
}

/** One warning per foreign key, at the key's line. */
function foreignKeyWarnings(
  file: string,
  found: readonly ForeignKey[],
  locate: (path: readonly PathKey[], key: string) => number | undefined,
): DefinitionIssue[] {
  return found.map(({ path, key, note }) => {
    const line = locate(path, key);
    const tool = toolOf(path);
    return {
      file,
      ...(line === undefined ? {} : { line }),
      ...(tool === undefined ? {} : { tool }),
      path: [...path, key].join("."),
      severity: "warning" as const,
      message: `'${key}' is not implemented by Toolwright (${note}); it is ignored`,
    };
  });
}

/** The YAML parser's message, naming the key for duplicate keys (its own message does not). */
function yamlErrorMessage(error: YAMLError, source: string): string {
  // The error points at the start of the repeated key; the key runs to its ':'.
  const key = /^[^:\n]*/
    .exec(source.slice(error.pos[0]))?.[0]
    .trim()
    .replace(/^["']|["']$/g, "");
  if (error.code === "DUPLICATE_KEY" && key) return `duplicate key '${key}'`;
  return error.message.split("\n")[0] ?? error.code;
}

/** The line of each tool's key, in one pass over the `tools` mapping. */
function toolKeyLines(document: Document, lines: LineCounter): Record<string, number> {
  const { isMap, isPair, isScalar } = yaml();
  const tools = document.get("tools", true);
  const toolLines: Record<string, number> = {};
  if (!isMap(tools)) return toolLines;
  for (const pair of tools.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.range) {
      toolLines[String(pair.key.value)] = lines.linePos(pair.key.range[0]).line;
    }
  }
  return toolLines;
}

/**
 * Parses and validates one definition file's YAML text. Every problem is reported with the file, the
 * line and, inside `tools`, the tool name. Pure: the caller reads the file.
 *
 * Valid files take a fast path (js-yaml events); a file that fails there, or fails validation, is
 * parsed again with the full YAML document model, which words YAML errors and places every issue.
 */
export function safeParseDefinitionFile(source: string, file: string): ParseDefinitionResult {
  const fast = readDefinitionYaml(source);
  // A file with foreign keys takes the full parse, which can give each warning its line.
  if (fast && stripForeignKeys(fast.data).found.length === 0) {
    const parsed = DefinitionFileSchema.safeParse(fast.data ?? {}, { reportInput: true });
    if (parsed.success) return { success: true, data: parsed.data, toolLines: fast.toolLines, warnings: [] };
  }
  return parseWithLocations(source, file);
}

/** The full parse: YAML document model, then validation; every issue gets its line. */
function parseWithLocations(source: string, file: string): ParseDefinitionResult {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      success: false,
      // Without prettyErrors the YAML errors carry offsets only; the line counter turns them into lines.
      issues: document.errors.map((error) => ({
        file,
        line: lines.linePos(error.pos[0]).line,
        path: "",
        message: `invalid YAML: ${yamlErrorMessage(error, source)}`,
      })),
    };
  }
  let data: unknown;
  try {
    // Throws on an unresolved alias or an alias that expands past the library's cap (an alias bomb).
    data = document.toJS() ?? {};
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { success: false, issues: [{ file, line: 1, path: "", message: `invalid YAML: ${message}` }] };
  }
  const stripped = stripForeignKeys(data);
  const warnings = foreignKeyWarnings(file, stripped.found, (path, key) =>
    lineOf(document, lines, path, key),
  );
  // reportInput keeps each issue's input, so messages can say what was found (and tell a wrong value from a missing key).
  const parsed = DefinitionFileSchema.safeParse(stripped.data, { reportInput: true });
  if (parsed.success) {
    const keyLines = toolKeyLines(document, lines);
    const toolLines: Record<string, number> = {};
    for (const tool of Object.keys(parsed.data.tools)) {
      const line = keyLines[tool];
      if (line !== undefined) toolLines[tool] = line;
    }
    return { success: true, data: parsed.data, toolLines, warnings };
  }
  return { success: false, issues: [...zodIssues(file, document, lines, parsed.error), ...warnings] };
}

/** Like `safeParseDefinitionFile`, but throws one `invalid_definition` ToolwrightError listing every problem. */
export function parseDefinitionFile(source: string, file: string): DefinitionFile {
  const result = safeParseDefinitionFile(source, file);
  if (!result.success) throw definitionIssuesError(result.issues);
  return result.data;
}

/**
 * The line of a key inside a definition file's text (`["tools", "note-get", "guards", 0, "field"]`),
 * or of the deepest part of the path that exists: for problems found after parsing, such as a guard
 * that names a field the spec's response does not have.
 */
export function definitionKeyLine(source: string, path: readonly (string | number)[]): number | undefined {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  return lineOf(document, lines, path);
}
