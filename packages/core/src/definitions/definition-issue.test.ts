import { describe, expect, it } from "vitest";
import { definitionIssuesError, formatDefinitionIssue } from "./definition-issue.js";

describe("formatDefinitionIssue", () => {
  it("names file, line, tool and the key relative to the tool", () => {
    expect(
      formatDefinitionIssue({
        file: "a.yaml",
        line: 12,
        tool: "alert-get",
        path: "tools.alert-get.scopes.0",
        message: "invalid scope 'x'",
      }),
    ).toBe("a.yaml:12: tool 'alert-get': key 'scopes.0': invalid scope 'x'");
  });

  it("leaves out what is unknown", () => {
    expect(formatDefinitionIssue({ file: "a.yaml", path: "", message: "invalid YAML: x" })).toBe(
      "a.yaml: invalid YAML: x",
    );
    expect(formatDefinitionIssue({ file: "a.yaml", line: 3, path: "feature", message: "bad" })).toBe(
      "a.yaml:3: key 'feature': bad",
    );
    expect(
      formatDefinitionIssue({ file: "a.yaml", line: 5, tool: "Bad", path: "tools.Bad", message: "bad name" }),
    ).toBe("a.yaml:5: tool 'Bad': bad name");
  });
});

describe("definitionIssuesError", () => {
  it("says how many problems there are and locates the first", () => {
    const error = definitionIssuesError([
      { file: "a.yaml", line: 2, path: "feature", message: "bad feature" },
    ]);
    expect(error.code).toBe("invalid_definition");
    expect(error.message).toBe("1 problem in tool definitions:\n  a.yaml:2: key 'feature': bad feature");
    expect(error.location).toEqual({ file: "a.yaml", line: 2 });
  });
});
