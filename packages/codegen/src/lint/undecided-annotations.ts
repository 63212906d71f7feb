import { annotationsRequired } from "@toolwright/core";
import type { DefinitionSource } from "../definitions/load-definitions.js";
import type { LoadedSpec } from "../spec/load-spec.js";
import { listOperations } from "../spec/operations.js";
import { LINT_RULES, type LintFinding } from "./lint-rules.js";

/**
 * TW012: write tools (POST/PUT/PATCH) without annotations. Enabled ones already fail generation;
 * this names the disabled ones (e.g. fresh from scaffold or sync) that still wait for a person to
 * decide whether they are read-only, destructive, idempotent and open-world.
 */
export function undecidedAnnotations(
  definitions: readonly DefinitionSource[],
  spec: LoadedSpec,
): LintFinding[] {
  const methods = new Map(listOperations(spec.document).map((operation) => [operation.id, operation.method]));
  const { name, severity } = LINT_RULES.TW012;
  const findings: LintFinding[] = [];
  for (const source of definitions) {
    for (const [tool, config] of Object.entries(source.definition.tools)) {
      const method = methods.get(config.operation);
      if (!method || !annotationsRequired(method) || config.annotations !== undefined) continue;
      const line = source.toolLines?.[tool];
      findings.push({
        rule: "TW012",
        name,
        severity,
        tool,
        file: source.file,
        ...(line ? { line } : {}),
        message: `${method} tool has no annotations: decide readOnly, destructive, idempotent and openWorld before enabling it`,
      });
    }
  }
  return findings;
}
