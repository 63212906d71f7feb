import { coreError } from "../errors/toolwright-error.js";
import { isScope, isScopeResource, parseScope, type Scope, type ScopeAccess, scope } from "./scope.js";

/** HTTP methods that only read; every other method needs `write`. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Validates a list of scope strings, throwing `invalid_scope` that names each malformed one. */
export function parseScopes(values: readonly string[]): Scope[] {
  const invalid = values.filter((value) => !isScope(value));
  if (invalid.length > 0) {
    throw coreError(
      "invalid_scope",
      `invalid scope${invalid.length > 1 ? "s" : ""} ${invalid.map((value) => `'${value}'`).join(", ")}: expected 'resource:read', 'resource:write' or '*'`,
      { details: { invalid } },
    );
  }
  return values as Scope[];
}

/** True when the granted scopes satisfy one required scope (`*` grants all; `write` implies `read`). */
export function grants(granted: readonly Scope[], required: Scope): boolean {
  if (granted.includes("*" as Scope)) return true;
  const need = parseScope(required);
  if (need.resource === "*") return false;
  return granted.some((held) => {
    const have = parseScope(held);
    return have.resource === need.resource && (have.access === "write" || need.access === "read");
  });
}

/** True when every required scope is granted (a tool's scopes are all required: AND). */
export function hasScopes(granted: readonly Scope[], required: readonly Scope[]): boolean {
  return required.every((needed) => grants(granted, needed));
}

/** The required scopes that the granted ones do not cover, in the order required; for `insufficient_scope`. */
export function missingScopes(granted: readonly Scope[], required: readonly Scope[]): Scope[] {
  return required.filter((needed) => !grants(granted, needed));
}

/** The access an HTTP method needs by default: GET/HEAD/OPTIONS read, anything else writes. */
export function accessForMethod(method: string): ScopeAccess {
  return READ_METHODS.has(method.toUpperCase()) ? "read" : "write";
}

/** The default scopes of a tool whose definition names none: `<resource>:<access for method>`. */
export function defaultScopes(method: string, resource: string): Scope[] {
  if (!isScopeResource(resource)) {
    throw coreError("invalid_scope", `cannot derive a default scope from resource '${resource}'`);
  }
  return [scope(resource, accessForMethod(method))];
}

/** Every `:read` scope of the given resources, sorted; e.g. for a read-only key. */
export function readScopes(resources: readonly string[]): Scope[] {
  return [...new Set(resources)].sort().map((resource) => scope(resource, "read"));
}
