/** Why a tool call failed, as reports group failures. */
export type ErrorKind =
  | "exception"
  | "scope_refusal"
  | "guard_refusal"
  | "invalid_arguments"
  | "upstream_4xx"
  | "upstream_5xx"
  | "timeout"
  | "unavailable"
  | "tool_error";

/** A failure's kind and, for a guard refusal, the guard. */
export interface ErrorClassification {
  kind: ErrorKind;
  guardType?: string;
}

// Ordered: the first rule whose pattern matches a failed call's text decides. The phrasing is that of
// `@toolwright/server`'s error results; any other server's failures fall through to `tool_error`.
const RULES: readonly { pattern: RegExp; kind: ErrorKind }[] = [
  { pattern: /\bneeds the scopes? '/, kind: "scope_refusal" },
  { pattern: /\(HTTP 403\)/, kind: "scope_refusal" },
  {
    pattern: /^Invalid arguments for '|must be the string the prepare step returned/,
    kind: "invalid_arguments",
  },
  { pattern: /did not answer within \d/, kind: "timeout" },
  { pattern: /\(HTTP 5\d\d\)/, kind: "upstream_5xx" },
  { pattern: /\(HTTP 4\d\d\)/, kind: "upstream_4xx" },
  {
    pattern: /^Could not reach the upstream|is not available (?:in this session|for this account)/,
    kind: "unavailable",
  },
];

const GUARD = /Rejected by the ([a-z_]+) guard of '/;

/** Classifies a failed call from its error text; a thrown error is an `exception`. */
export function classifyError(message: string | undefined, thrown: boolean): ErrorClassification {
  if (thrown) return { kind: "exception" };
  if (message === undefined) return { kind: "tool_error" };
  const text = message.length > 2000 ? message.slice(0, 2000) : message;
  const guard = GUARD.exec(text);
  if (guard?.[1] !== undefined) return { kind: "guard_refusal", guardType: guard[1] };
  for (const rule of RULES) if (rule.pattern.test(text)) return { kind: rule.kind };
  return { kind: "tool_error" };
}
