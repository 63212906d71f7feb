import { LINT_RULES, type LintFinding } from "./lint-rules.js";

/** One TW020 warning per spec pattern that codegen left out because it has no `u`-flag equivalent. */
export function droppedPatternFindings(dropped: ReadonlyMap<string, number>): LintFinding[] {
  return [...dropped].map(([pattern, count]) => ({
    rule: "TW020",
    name: LINT_RULES.TW020.name,
    severity: LINT_RULES.TW020.severity,
    message: `spec pattern ${JSON.stringify(pattern)} (${count} schema${count === 1 ? "" : "s"}) is not a valid regular expression under the 'u' flag JSON Schema validators use, and could not be translated; it was left out, so the upstream alone checks it`,
  }));
}
