import { applyParamCast } from "@toolwright/core";
import { getPath } from "@toolwright/core/internal";
import type { ServedTool } from "../catalog/served-tool.js";
import type { CallerInfo } from "../catalog/tool-context.js";

/** Arguments with the caller-filled ones set, or why the caller cannot make this call. */
export type ContextOutcome = { ok: true; args: Record<string, unknown> } | { ok: false; message: string };

/**
 * Sets each caller-filled argument (`project_id` from the key's project) over whatever the call has:
 * such arguments are not in the input schema, so an agent cannot choose them.
 */
export function withCallerContext(
  rules: Readonly<Record<string, string>> | undefined,
  args: Record<string, unknown>,
  caller: CallerInfo,
  toolName: string,
): ContextOutcome {
  if (!rules) return { ok: true, args };
  const filled: Record<string, unknown> = { ...args };
  for (const [argument, source] of Object.entries(rules)) {
    const value = getPath(caller, source);
    if (typeof value !== "string" && typeof value !== "number") {
      return {
        ok: false,
        message: `'${toolName}' works inside the caller's ${source.split(".")[0]}, and this credential does not name one (${source}). Use a key or token that belongs to a project.`,
      };
    }
    filled[argument] = value;
  }
  return { ok: true, args: filled };
}

/** The arguments as the request is built from them: fixed values set and each cast applied. */
export function requestArguments(tool: ServedTool, args: Record<string, unknown>): Record<string, unknown> {
  const rules = tool.argumentRules;
  if (!rules?.constants && !rules?.casts) return args;
  const prepared: Record<string, unknown> = { ...args, ...rules.constants };
  for (const [argument, cast] of Object.entries(rules.casts ?? {})) {
    if (prepared[argument] !== undefined) prepared[argument] = applyParamCast(cast, prepared[argument]);
  }
  return prepared;
}
