import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isToolwrightError } from "../errors/toolwright-error.js";
import type { Scope } from "./scope.js";
import {
  accessForMethod,
  defaultScopes,
  grants,
  hasScopes,
  missingScopes,
  parseScopes,
  readScopes,
} from "./scope-set.js";

const s = (...values: string[]) => parseScopes(values);

describe("grants and hasScopes", () => {
  it.each([
    [["cohort:read"], "cohort:read", true],
    [["cohort:write"], "cohort:read", true],
    [["cohort:write"], "cohort:write", true],
    [["cohort:read"], "cohort:write", false],
    [["person:write"], "cohort:read", false],
    [["cohort_export:write"], "cohort:read", false],
    [["*"], "cohort:write", true],
    [["*"], "*", true],
    [["cohort:write", "person:write"], "*", false],
    [[], "cohort:read", false],
  ])("%j grants %s: %s", (granted, required, expected) => {
    expect(grants(s(...granted), s(required)[0] as Scope)).toBe(expected);
  });

  it("requires every scope of a tool (AND)", () => {
    expect(hasScopes(s("workflow:write", "cohort:read"), s("workflow:write", "cohort:read"))).toBe(true);
    expect(hasScopes(s("workflow:write"), s("workflow:write", "cohort:read"))).toBe(false);
    expect(hasScopes(s("workflow:read", "cohort:write"), s("workflow:read", "cohort:read"))).toBe(true);
    expect(hasScopes(s(), s())).toBe(true);
  });

  it("lists the missing scopes in the order required", () => {
    expect(missingScopes(s("cohort:read"), s("cohort:write", "person:read", "cohort:read"))).toEqual([
      "cohort:write",
      "person:read",
    ]);
    expect(missingScopes(s("*"), s("cohort:write", "person:read"))).toEqual([]);
    expect(missingScopes(s("cohort:write"), s("cohort:read"))).toEqual([]);
  });
});

describe("parseScopes", () => {
  it("returns valid scopes unchanged", () => {
    expect(parseScopes(["*", "alert:read", "error_tracking:write"])).toEqual([
      "*",
      "alert:read",
      "error_tracking:write",
    ]);
  });

  it.each([
    ["alert:admin"],
    ["alert"],
    ["Alert:read"],
    ["alert-x:read"],
    ["alert:read:extra"],
    [""],
    ["**"],
    [" alert:read"],
  ])("rejects %j naming it", (bad) => {
    let thrown: unknown;
    try {
      parseScopes(["alert:read", bad]);
    } catch (error) {
      thrown = error;
    }
    expect(isToolwrightError(thrown) && thrown.code).toBe("invalid_scope");
    expect((thrown as Error).message).toBe(
      `invalid scope '${bad}': expected 'resource:read', 'resource:write' or '*'`,
    );
  });

  it("names every bad scope at once", () => {
    expect(() => parseScopes(["a:read", "b:all", "c"])).toThrow("invalid scopes 'b:all', 'c':");
  });
});

describe("method defaults", () => {
  it.each([
    ["GET", "read"],
    ["head", "read"],
    ["OPTIONS", "read"],
    ["POST", "write"],
    ["PUT", "write"],
    ["PATCH", "write"],
    ["DELETE", "write"],
  ])("%s needs %s", (method, access) => {
    expect(accessForMethod(method)).toBe(access);
    expect(defaultScopes(method, "feature_flag")).toEqual([`feature_flag:${access}`]);
  });

  it("rejects a resource that cannot be a scope", () => {
    expect(() => defaultScopes("GET", "Feature-Flags")).toThrow(
      "cannot derive a default scope from resource 'Feature-Flags'",
    );
  });

  it("readScopes gives each resource's read scope once, sorted", () => {
    expect(readScopes(["person", "cohort", "person"])).toEqual(["cohort:read", "person:read"]);
  });
});

describe("properties", () => {
  const resource = fc.constantFrom("cohort", "person", "insight", "workflow", "error_tracking");
  const scopeArbitrary: fc.Arbitrary<Scope> = fc.oneof(
    { weight: 1, arbitrary: fc.constant("*" as Scope) },
    {
      weight: 12,
      arbitrary: fc
        .tuple(resource, fc.constantFrom("read", "write"))
        .map(([name, access]) => `${name}:${access}` as Scope),
    },
  );
  const scopes = fc.array(scopeArbitrary, { maxLength: 6 });
  const options = { seed: 20_261_121, numRuns: 500 };

  it("adding granted scopes never removes access", () => {
    fc.assert(
      fc.property(scopes, scopes, scopes, (granted, extra, required) => {
        if (hasScopes(granted, required)) expect(hasScopes([...granted, ...extra], required)).toBe(true);
      }),
      options,
    );
  });

  it("removing required scopes never removes access", () => {
    fc.assert(
      fc.property(scopes, scopes, fc.func(fc.boolean()), (granted, required, keep) => {
        const fewer = required.filter((_scope, index) => keep(index));
        if (hasScopes(granted, required)) expect(hasScopes(granted, fewer)).toBe(true);
      }),
      options,
    );
  });

  it("write implies read", () => {
    fc.assert(
      fc.property(scopes, resource, (granted, name) => {
        const write = `${name}:write` as Scope;
        const read = `${name}:read` as Scope;
        if (grants(granted, write)) expect(grants(granted, read)).toBe(true);
        expect(grants([...granted, write], read)).toBe(true);
      }),
      options,
    );
  });

  it("missingScopes is empty exactly when hasScopes, and only lists required scopes not granted", () => {
    fc.assert(
      fc.property(scopes, scopes, (granted, required) => {
        const missing = missingScopes(granted, required);
        expect(missing.length === 0).toBe(hasScopes(granted, required));
        for (const scope of missing) {
          expect(required).toContain(scope);
          expect(grants(granted, scope)).toBe(false);
        }
      }),
      options,
    );
  });

  it("the wildcard grants everything", () => {
    fc.assert(
      fc.property(scopes, scopes, (granted, required) => {
        expect(hasScopes([...granted, "*" as Scope], required)).toBe(true);
      }),
      options,
    );
  });
});
