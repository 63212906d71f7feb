import * as z from "zod";

/** The access a scope grants on a resource; `write` implies `read`. */
export const ScopeAccessSchema = z.enum(["read", "write"]);
export type ScopeAccess = z.infer<typeof ScopeAccessSchema>;

const RESOURCE_PATTERN = /^[a-z][a-z0-9_]*$/;
const SCOPE_PATTERN = /^(\*|[a-z][a-z0-9_]*:(read|write))$/;

/** A scope string: `resource:read`, `resource:write` or the wildcard `*`. */
export const ScopeSchema = z
  .string()
  .regex(SCOPE_PATTERN, {
    error: (issue) =>
      `invalid scope '${String(issue.input)}': expected 'resource:read', 'resource:write' or '*' (resource is snake_case)`,
  })
  .brand<"Scope">();
export type Scope = z.infer<typeof ScopeSchema>;

/** A scope split into its parts; the wildcard has resource `*`. */
export interface ParsedScope {
  resource: string;
  access: ScopeAccess;
}

/** True when `value` is a well-formed scope string. */
export function isScope(value: string): value is Scope {
  return SCOPE_PATTERN.test(value);
}

/** True when `value` can be a scope's resource part (snake_case, starting with a letter). */
export function isScopeResource(value: string): boolean {
  return RESOURCE_PATTERN.test(value);
}

/** Splits a scope into resource and access; `*` becomes `{ resource: "*", access: "write" }`. */
export function parseScope(scope: Scope): ParsedScope {
  if (scope === "*") return { resource: "*", access: "write" };
  const [resource, access] = scope.split(":") as [string, ScopeAccess];
  return { resource, access };
}

/** Builds a scope from its parts, validating the resource name. */
export function scope(resource: string, access: ScopeAccess): Scope {
  return ScopeSchema.parse(`${resource}:${access}`);
}
