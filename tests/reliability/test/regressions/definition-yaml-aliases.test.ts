// Regression (found by the codegen fuzzer): YAML alias failures ("Unresolved alias", "Excessive alias
// count") escape core's safeParseDefinitionFile as thrown errors, so the CLI prints them without the file.
import { safeParseDefinitionFile } from "@toolwright/core";
import { describe, expect, it } from "vitest";

const ALIAS_BOMB = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "tools: {}",
].join("\n");

const UNRESOLVED = "category: X\ntools:\n  a-tool:\n    guards: *missing\n";

describe("definition files with bad YAML aliases", () => {
  it.each([
    ["an unresolved alias", UNRESOLVED],
    ["an alias bomb", ALIAS_BOMB],
  ])(
    "safeParseDefinitionFile reports %s as an issue naming the file instead of throwing",
    (_label, source) => {
      let result: ReturnType<typeof safeParseDefinitionFile> | undefined;
      expect(() => {
        result = safeParseDefinitionFile(source, "mcp/aliases.yaml");
      }).not.toThrow();
      expect(result?.success).toBe(false);
      if (result && !result.success) {
        expect(result.issues[0]?.file).toBe("mcp/aliases.yaml");
        expect(result.issues[0]?.message).toMatch(/alias/i);
      }
    },
  );
});
