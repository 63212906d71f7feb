import { describe, expect, it } from "vitest";
import { hasScopes, missingScopes, parseScopes } from "./scope-set.js";

describe("scope sets", () => {
  it("write implies read", () => {
    expect(hasScopes(parseScopes(["cohort:write"]), parseScopes(["cohort:read"]))).toBe(true);
    expect(missingScopes(parseScopes(["cohort:read"]), parseScopes(["cohort:write", "person:read"]))).toEqual(
      ["cohort:write", "person:read"],
    );
  });
});
