import * as z from "zod";

/** Longest tool name: leaves room for a client's `server__` prefix within the common 64-character limit. */
export const MAX_TOOL_NAME_LENGTH = 52;

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Why a tool name breaks the naming rules, or null when it is valid. */
export function toolNameProblem(name: string): string | null {
  if (name.length === 0) return "tool name is empty";
  if (name.length > MAX_TOOL_NAME_LENGTH) {
    return `tool name '${name}' is ${name.length} characters; the limit is ${MAX_TOOL_NAME_LENGTH}`;
  }
  if (/[^a-z0-9-]/.test(name)) return `tool name '${name}' may only use lowercase letters, digits and '-'`;
  if (name.startsWith("-") || name.endsWith("-")) return `tool name '${name}' must not start or end with '-'`;
  if (name.includes("--")) return `tool name '${name}' must not contain '--'`;
  return KEBAB.test(name) ? null : `tool name '${name}' is not lowercase kebab-case`;
}

/** Why a feature id breaks the rules (snake_case, starting with a letter), or null. */
export function featureIdProblem(id: string): string | null {
  return SNAKE.test(id)
    ? null
    : `feature '${id}' must be snake_case starting with a letter (e.g. 'workflows', 'error_tracking')`;
}

/** A valid tool name: lowercase kebab-case, no leading, trailing or double hyphen, at most 52 characters. */
export const ToolNameSchema = z.string().superRefine((name, context) => {
  const problem = toolNameProblem(name);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/** A valid feature id: snake_case starting with a letter. */
export const FeatureIdSchema = z.string().superRefine((id, context) => {
  const problem = featureIdProblem(id);
  if (problem) context.addIssue({ code: "custom", message: problem });
});
