import { getPath } from "../json/dot-path.js";

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_$@-]+)*)\}/g;
const WHOLE_PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_$@-]+)*)\}$/;
/** `{args.filters?}`: a whole placeholder whose value may be absent (the param is then left out). */
const OPTIONAL_PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_$@-]+)*)\?\}$/;

/** Values a template can read: `{args.id}`, `{item.value}`, `{id}` (a top-level key of `scope`). */
export type TemplateScope = Record<string, unknown>;

/** The placeholder paths a template uses, e.g. `['args.id']` for `'{args.id}'`. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/** The template's literal text, placeholders removed (to spot stray braces). */
export function templateText(template: string): string {
  return template.replace(PLACEHOLDER, "");
}

/**
 * Resolves one template value: a string that is exactly one placeholder keeps the value's type;
 * placeholders inside text are interpolated. Returns `missing` with the paths that had no value.
 */
export function resolveTemplate(
  template: unknown,
  scope: TemplateScope,
): { value: unknown; missing: string[] } {
  if (typeof template !== "string") return { value: template, missing: [] };
  const optional = OPTIONAL_PLACEHOLDER.exec(template);
  if (optional) return { value: getPath(scope, optional[1] as string), missing: [] };
  const whole = WHOLE_PLACEHOLDER.exec(template);
  if (whole) {
    const value = getPath(scope, whole[1] as string);
    return { value, missing: value === undefined ? [whole[1] as string] : [] };
  }
  const missing: string[] = [];
  const value = template.replace(PLACEHOLDER, (_match, path: string) => {
    const found = getPath(scope, path);
    if (found === undefined) missing.push(path);
    return found === undefined ? "" : String(found);
  });
  return { value, missing };
}

/** Resolves every value of a params map (see `resolveTemplate`); an absent optional value leaves its key out. */
export function resolveParams(
  params: Record<string, unknown>,
  scope: TemplateScope,
): { params: Record<string, unknown>; missing: string[] } {
  const resolved: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [key, template] of Object.entries(params)) {
    const result = resolveTemplate(template, scope);
    if (result.value === undefined && result.missing.length === 0) continue;
    resolved[key] = result.value;
    missing.push(...result.missing);
  }
  return { params: resolved, missing };
}
