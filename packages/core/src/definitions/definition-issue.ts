import type { z } from "zod";
import { coreError, type ToolwrightError } from "../errors/toolwright-error.js";

/** One problem in a definition file, located as precisely as the input allows. */
export interface DefinitionIssue {
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** The tool the problem belongs to, when it is inside `tools`. */
  tool?: string;
  /** Dot path of the key inside the file (`tools.alert-get.scopes.0`). */
  path: string;
  message: string;
  /** `warning` for problems that do not stop the file loading; absent means an error. */
  severity?: "warning";
}

/** `file:line: tool 'x': key 'a.b': message`: the form every definition problem is reported in. */
export function formatDefinitionIssue(issue: DefinitionIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  const tool = issue.tool ? ` tool '${issue.tool}':` : "";
  const toolPrefix = issue.tool ? `tools.${issue.tool}` : "";
  const key =
    issue.path && issue.path !== toolPrefix
      ? ` key '${issue.path.slice(toolPrefix ? toolPrefix.length + 1 : 0)}':`
      : "";
  return `${where}:${issue.severity === "warning" ? " warning:" : ""}${tool}${key} ${issue.message}`;
}

/** All issues as one `invalid_definition` error, every issue on its own line. */
export function definitionIssuesError(
  all: readonly DefinitionIssue[],
): ToolwrightError<"invalid_definition"> {
  // Errors first, so the first location is one that must be fixed.
  const issues = [...all.filter((issue) => !issue.severity), ...all.filter((issue) => issue.severity)];
  const first = issues[0];
  return coreError(
    "invalid_definition",
    `${issues.length} problem${issues.length === 1 ? "" : "s"} in tool definitions:\n${issues.map((issue) => `  ${formatDefinitionIssue(issue)}`).join("\n")}`,
    {
      ...(first?.file ? { file: first.file } : {}),
      ...(first?.tool ? { tool: first.tool } : {}),
      ...(first?.line ? { line: first.line } : {}),
      details: { issues },
    },
  );
}

/** A readable message for one Zod issue; `key` is the last key of its path. */
export function describeZodIssue(issue: z.core.$ZodIssue, key: string | undefined): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown key ${issue.keys.map((name) => `'${name}'`).join(", ")}`;
    case "invalid_type":
      if (issue.input === undefined) return `missing required key '${key ?? "?"}'`;
      return `expected ${issue.expected}, got ${describeInput(issue.input)}`;
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator)
        return describeDiscriminator(issue, issue.discriminator);
      return `invalid value ${describeInput(issue.input)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}, got ${describeInput(issue.input)}`;
    default:
      return issue.message;
  }
}

/** `unknown type 'x'; expected one of ...`: the union's input is the whole object, so read the discriminator from it. */
function describeDiscriminator(issue: z.core.$ZodIssueInvalidUnion, discriminator: string): string {
  const input = issue.input;
  const value =
    typeof input === "object" && input !== null
      ? (input as Record<string, unknown>)[discriminator]
      : undefined;
  const options = "options" in issue && Array.isArray(issue.options) ? issue.options : [];
  const expected =
    options.length > 0
      ? `; expected one of ${options.map((option) => `'${String(option)}'`).join(", ")}`
      : "";
  return value === undefined
    ? `missing '${discriminator}'${expected}`
    : `unknown ${discriminator} ${describeInput(value)}${expected}`;
}

function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input === "object") return "an object";
  if (typeof input === "string") return `'${input}'`;
  return `${typeof input} ${String(input)}`;
}
