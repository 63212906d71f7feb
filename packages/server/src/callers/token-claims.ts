import { isScope, type Scope } from "@toolwright/core";

/** The scopes a token carries (`scope` string per RFC 9068, or an `scp` array), mapped to tool scopes. */
export function toolScopesOf(
  claims: Record<string, unknown>,
  scopeMap: Readonly<Record<string, readonly string[]>> = {},
): Scope[] {
  const raw = claims.scope ?? claims.scp;
  const granted =
    typeof raw === "string"
      ? raw.split(" ")
      : Array.isArray(raw)
        ? raw.filter((value) => typeof value === "string")
        : [];
  const mapped = granted.flatMap((scope) =>
    Object.hasOwn(scopeMap, scope) ? [...(scopeMap[scope] ?? [])] : [scope],
  );
  return [...new Set(mapped.filter((value): value is Scope => isScope(value)))];
}

/** The caller's project from a configurable claim: an object as is, a number or string as its `id`. */
export function projectOf(claims: Record<string, unknown>, claim: string): Record<string, unknown> | null {
  const value = claims[claim];
  if (typeof value === "number" || typeof value === "string") return { id: value };
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return null;
}

/** Whether a token's `aud` (string or array) names the resource. */
export function audienceIncludes(audience: unknown, resource: string): boolean {
  if (typeof audience === "string") return audience === resource;
  return Array.isArray(audience) && audience.includes(resource);
}
