import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type DefinitionFile, DefinitionFileSchema } from "./definition-file.js";
import { type DefinitionIssue, definitionIssuesError, describeZodIssue } from "./definition-issue.js";

/** The outcome of parsing one definition file: the validated definition, or every problem found. */
export type ParseDefinitionResult =
  | { success: true; data: DefinitionFile; toolLines: Record<string, number> }
  | { success: false; issues: DefinitionIssue[] };

type PathKey = PropertyKey;

/** The YAML node (or, for `key`, the key node of that entry) at a path, for its line. */
function nodeAt(document: Document, path: readonly PathKey[], key?: string): unknown {
  const parent = path.length === 0 ? document.contents : document.getIn(path as unknown[], true);
  if (key !== undefined && isMap(parent)) {
    return parent.items.find((pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === key)?.key;
  }
  return parent;
}

/** The line of the deepest node on the path that exists in the document. */
function lineOf(
  document: Document,
  lines: LineCounter,
  path: readonly PathKey[],
  key?: string,
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(document, path.slice(0, depth), depth === path.length ? key : undefined);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
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
        message: describeZodIssue(single, typeof last === "string" ? last : undefined),
      };
    });
  });
}

/**
 * Parses and validates one definition file's YAML text. Every problem is reported with the file, the
 * line and, inside `tools`, the tool name. Pure: the caller reads the file.
 */
export function safeParseDefinitionFile(source: string, file: string): ParseDefinitionResult {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      success: false,
      issues: document.errors.map((error) => ({
        file,
        ...(error.linePos?.[0] ? { line: error.linePos[0].line } : {}),
        path: "",
        message: `invalid YAML: ${error.message.split("\n")[0]}`,
      })),
    };
  }
  const parsed = DefinitionFileSchema.safeParse(document.toJS() ?? {});
  if (parsed.success) {
    const toolLines: Record<string, number> = {};
    for (const tool of Object.keys(parsed.data.tools)) {
      const line = lineOf(document, lines, ["tools"], tool);
      if (line !== undefined) toolLines[tool] = line;
    }
    return { success: true, data: parsed.data, toolLines };
  }
  return { success: false, issues: zodIssues(file, document, lines, parsed.error) };
}

/** Like `safeParseDefinitionFile`, but throws one `invalid_definition` ToolwrightError listing every problem. */
export function parseDefinitionFile(source: string, file: string): DefinitionFile {
  const result = safeParseDefinitionFile(source, file);
  if (!result.success) throw definitionIssuesError(result.issues);
  return result.data;
}
