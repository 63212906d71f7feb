import { describe, expectTypeOf, it } from "vitest";
import type { Scope } from "./scope.js";
import { hasScopes, parseScopes } from "./scope-set.js";

describe("Scope", () => {
  it("is a branded string: every Scope is a string, not every string a Scope", () => {
    expectTypeOf<Scope>().toExtend<string>();
    expectTypeOf<string>().not.toExtend<Scope>();
    expectTypeOf<"cohort:read">().not.toExtend<Scope>();
  });

  it("comes from parseScopes, which the scope checks require", () => {
    expectTypeOf(parseScopes).returns.toEqualTypeOf<Scope[]>();
    expectTypeOf(hasScopes).parameter(0).toEqualTypeOf<readonly Scope[]>();
    // @ts-expect-error plain strings must be parsed first
    hasScopes(["cohort:read"], parseScopes(["cohort:read"]));
  });
});
