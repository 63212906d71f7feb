import {
  type CatalogTool,
  type DefinitionIssue,
  type ToolDefinitionsFile,
  toolNameProblem,
} from "@toolwright/core";
import { isRecord } from "@toolwright/core/internal";
import { toolListSize } from "../inspect/tool-list-size.js";

import {
  DEFAULT_LINT_BUDGETS,
  LINT_RULES,
  type LintBudgets,
  type LintFinding,
  type LintRuleId,
  PROPERTY_NAME,
  TOOL_COUNT_THRESHOLDS,
} from "./lint-rules.js";
import { type CompileCheck, createCompileChecks } from "./schema-compilers.js";

/** Runs every lint rule over a catalog; findings are sorted by tool, then rule. */
export function lintCatalog(catalog: ToolDefinitionsFile, budgets: Partial<LintBudgets> = {}): LintFinding[] {
  const limits = { ...DEFAULT_LINT_BUDGETS, ...budgets };
  const compilers = createCompileChecks();
  const names = new Set(catalog.tools.map((tool) => tool.name));
  const findings = catalog.tools.flatMap((tool) => lintTool(tool, names, compilers));
  const sizes = toolListSize(catalog.tools);
  for (const size of sizes.tools) {
    if (size.bytes > limits.maxToolBytes) {
      const tool = catalog.tools.find((candidate) => candidate.name === size.name) as CatalogTool;
      findings.push(
        finding(
          "TW009",
          `tools/list entry is ${size.bytes} bytes; the budget is ${limits.maxToolBytes}`,
          tool,
        ),
      );
    }
  }
  if (sizes.totalBytes > limits.maxTotalBytes) {
    findings.push(
      finding(
        "TW010",
        `tools/list is ${sizes.totalBytes} bytes in total; the budget is ${limits.maxTotalBytes}`,
      ),
    );
  }
  for (const threshold of TOOL_COUNT_THRESHOLDS) {
    if (catalog.tools.length > threshold) {
      findings.push(
        finding(
          "TW011",
          `${catalog.tools.length} enabled tools is past ${threshold}; agents choose less reliably among many tools`,
        ),
      );
    }
  }
  return findings;
}

function lintTool(
  tool: CatalogTool,
  names: ReadonlySet<string>,
  compilers: { draft07: CompileCheck; draft2020: CompileCheck },
): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (rule: LintRuleId, message: string) => findings.push(finding(rule, message, tool));
  const schema = tool.inputSchema as Record<string, unknown>;
  const nameProblem = toolNameProblem(tool.name);
  if (nameProblem) add("TW006", nameProblem);
  if (schema.type !== "object") add("TW001", 'inputSchema must have `type: "object"` at the root');
  for (const keyword of ["anyOf", "oneOf", "allOf"]) {
    if (schema[keyword] !== undefined) {
      add(
        "TW002",
        `inputSchema has \`${keyword}\` at the root; the Anthropic API rejects the whole tool list for it`,
      );
    }
  }
  for (const name of Object.keys(isRecord(schema.properties) ? schema.properties : {})) {
    if (!PROPERTY_NAME.test(name)) add("TW007", `property '${name}' must match ${PROPERTY_NAME.source}`);
  }
  for (const ref of danglingRefs(schema))
    add("TW003", `$ref '${ref}' does not resolve inside the tool's schema`);
  const draft07 = compilers.draft07(schema);
  if (draft07) add("TW004", `inputSchema does not compile under JSON Schema draft-07: ${draft07}`);
  const draft2020 = compilers.draft2020(schema);
  if (draft2020) add("TW005", `inputSchema does not compile under JSON Schema 2020-12: ${draft2020}`);
  for (const mention of unknownMentions(tool, names)) {
    add("TW008", `description mentions '${mention}', which is not a tool; rename it or remove the mention`);
  }
  if (tool.uiApp) {
    add(
      "TW013",
      `ui_app '${tool.uiApp}' is carried in tool-definitions.json, but the server does not serve MCP Apps views yet; clients see the tool without it`,
    );
  }
  return findings;
}

/** A definition warning (a key of another pipeline, an exclude that names no input) as a lint finding. */
export function definitionWarningFinding(warning: DefinitionIssue): LintFinding {
  const { name, severity } = LINT_RULES.TW014;
  return {
    rule: "TW014",
    name,
    severity,
    ...(warning.tool ? { tool: warning.tool } : {}),
    file: warning.file,
    ...(warning.line ? { line: warning.line } : {}),
    message: warning.message,
  };
}

function finding(rule: LintRuleId, message: string, tool?: CatalogTool): LintFinding {
  const { name, severity } = LINT_RULES[rule];
  return {
    rule,
    name,
    severity,
    ...(tool
      ? { tool: tool.name, file: tool.source.file, ...(tool.source.line ? { line: tool.source.line } : {}) }
      : {}),
    message,
  };
}

/** Every `$ref` in the schema that is not `#` or a `#/$defs/...` entry the schema has. */
function danglingRefs(schema: Record<string, unknown>): string[] {
  const defs = isRecord(schema.$defs) ? schema.$defs : {};
  const dangling = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.$ref === "string" && node.$ref !== "#") {
      const match = /^#\/\$defs\/([^/]+)$/.exec(node.$ref);
      const name =
        match?.[1] === undefined
          ? undefined
          : decodeURIComponent(match[1]).replaceAll("~1", "/").replaceAll("~0", "~");
      if (name === undefined || defs[name] === undefined) dangling.add(node.$ref);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(schema);
  return [...dangling];
}

/** Last words of tool names that say what a tool does, for spotting plain mentions such as `notes-archive`. */
const TOOL_VERBS = new Set([
  "get",
  "list",
  "create",
  "update",
  "delete",
  "archive",
  "retrieve",
  "destroy",
  "search",
  "export",
  "import",
  "publish",
  "enable",
  "disable",
  "run",
  "send",
  "set",
  "add",
  "remove",
  "cancel",
  "schedule",
  "duplicate",
]);

/** Hyphenated prefixes of ordinary English (`re-run`, `co-author`) that are never a tool's resource. */
const ENGLISH_PREFIXES = new Set([
  "re",
  "co",
  "pre",
  "non",
  "self",
  "auto",
  "multi",
  "sub",
  "un",
  "de",
  "opt",
]);

/** A resource word without a plural `s`, so `notes-archive` and `note-get` share `note`. */
const singular = (word: string) => (word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word);

/**
 * Tool-like names in a description that are not tools: backticked kebab-case words; kebab-case
 * words whose first two parts start an existing tool (`workflow-get-...`); and plain
 * `<resource>-<verb>` names (`notes-archive`) whose resource a tool has or whose last word is a
 * tool verb. Ordinary hyphenated English (`opt-in`, `read-only`, `follow-up`) matches none of these.
 */
function unknownMentions(tool: CatalogTool, names: ReadonlySet<string>): string[] {
  const prefixes = new Set([...names].map((name) => name.split("-").slice(0, 2).join("-")));
  const resources = new Set([...names].map((name) => singular(name.split("-")[0] ?? name)));
  const verbs = new Set([...TOOL_VERBS, ...[...names].map((name) => name.split("-").at(-1) ?? name)]);
  const mentions = new Set<string>();
  for (const match of tool.description.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)+)`/g))
    mentions.add(match[1] as string);
  for (const match of tool.description.matchAll(/(?<![\w/.-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![\w/-])/g)) {
    const word = match[1] as string;
    const parts = word.split("-");
    const first = parts[0] ?? word;
    const last = parts.at(-1) ?? word;
    const namesTool =
      prefixes.has(parts.slice(0, 2).join("-")) ||
      (!ENGLISH_PREFIXES.has(first) &&
        first.length > 2 &&
        verbs.has(last) &&
        (resources.has(singular(first)) || TOOL_VERBS.has(last)));
    if (namesTool) mentions.add(word);
  }
  return [...mentions].filter((mention) => !names.has(mention)).sort();
}
