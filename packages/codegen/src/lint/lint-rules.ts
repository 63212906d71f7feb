/** Every lint rule: a stable id, a short name, and whether it fails the run. */
export const LINT_RULES = {
  TW001: { name: "root-not-object", severity: "error" },
  TW002: { name: "root-combinator", severity: "error" },
  TW003: { name: "dangling-ref", severity: "error" },
  TW004: { name: "draft-07-compile", severity: "error" },
  TW005: { name: "draft-2020-12-compile", severity: "error" },
  TW006: { name: "tool-name", severity: "error" },
  TW007: { name: "property-name", severity: "error" },
  TW008: { name: "unknown-tool-mention", severity: "warning" },
  TW009: { name: "tool-bytes", severity: "warning" },
  TW010: { name: "total-bytes", severity: "warning" },
  TW011: { name: "tool-count", severity: "warning" },
  TW012: { name: "undecided-annotations", severity: "warning" },
  TW013: { name: "ui-app-not-served", severity: "warning" },
  TW014: { name: "definition-warning", severity: "warning" },
  TW020: { name: "dropped-pattern", severity: "warning" },
} as const satisfies Record<string, { name: string; severity: "error" | "warning" }>;

export type LintRuleId = keyof typeof LINT_RULES;

/** One finding: the rule, where (tool, definition file and line), and what to do. */
export interface LintFinding {
  rule: LintRuleId;
  name: string;
  severity: "error" | "warning";
  tool?: string;
  file?: string;
  line?: number;
  message: string;
}

/** Budgets the size rules check against. */
export interface LintBudgets {
  /** Bytes of one tool's `tools/list` entry (default 8 KiB). */
  maxToolBytes: number;
  /** Bytes of the whole `tools/list` result (default 100 KiB). */
  maxTotalBytes: number;
}

export const DEFAULT_LINT_BUDGETS: LintBudgets = { maxToolBytes: 8 * 1024, maxTotalBytes: 100 * 1024 };

/** Enabled-tool counts past which agents pick tools less reliably; each crossed one is a warning. */
export const TOOL_COUNT_THRESHOLDS = [40, 80, 128] as const;

/** Property names the Anthropic and OpenAI APIs accept in tool input schemas. */
export const PROPERTY_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
