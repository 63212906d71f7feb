import { parseScopes, readScopes, type Scope } from "@toolwright/core";

/** Every scope resource of the demo API. */
export const SCOPE_RESOURCES = [
  "person",
  "cohort",
  "insight",
  "alert",
  "integration",
  "hog_function",
  "hog_flow",
  "api_key",
  "organization_member",
] as const;

/** Shorthand for a route's or key's scope list, validated by core. */
export function scopes(...values: string[]): Scope[] {
  return parseScopes(values);
}

/** The demo keys that a fresh database gets; `tw_demo_other` belongs to the second project (for tests). */
export const DEMO_KEYS = {
  admin: { key: "tw_demo_admin", name: "Demo admin", scopes: scopes("*") },
  reader: { key: "tw_demo_reader", name: "Demo reader", scopes: readScopes(SCOPE_RESOURCES) },
  other: { key: "tw_demo_other", name: "Other project admin", scopes: scopes("*") },
} as const;
