import { describe, expect, it } from "vitest";
import { formatDefinitionIssue } from "./definition-issue.js";
import { checkDefinitionSet, type LoadedDefinitionFile } from "./definition-set.js";
import { safeParseDefinitionFile } from "./parse-definition-file.js";

function load(file: string, source: string): LoadedDefinitionFile {
  const result = safeParseDefinitionFile(source, file);
  if (!result.success) throw new Error(result.issues.map(formatDefinitionIssue).join("\n"));
  return { file, definition: result.data, toolLines: result.toolLines };
}

const alerts = load(
  "alerts/mcp/alerts.yaml",
  "category: Alerts\nfeature: alerts\nurl_prefix: /alerts\ntools:\n  alert-get:\n    operation: alerts_retrieve\n  insight-get:\n    operation: insights_retrieve\n",
);
const insights = load(
  "insights/mcp/insights.yaml",
  "category: Insights\nfeature: insights\nurl_prefix: /insights\ntools:\n  insight-list:\n    operation: insights_list\n\n  insight-get:\n    operation: insights_retrieve\n",
);

describe("checkDefinitionSet", () => {
  it("accepts files whose tool names are all distinct", () => {
    expect(
      checkDefinitionSet([
        alerts,
        load("other.yaml", "category: O\nfeature: o\nurl_prefix: /o\ntools: {}\n"),
      ]),
    ).toEqual([]);
  });

  it("reports a name defined in two files with both files and both lines", () => {
    const issues = checkDefinitionSet([alerts, insights]);
    expect(issues).toEqual([
      {
        file: "insights/mcp/insights.yaml",
        line: 8,
        tool: "insight-get",
        path: "tools.insight-get",
        message:
          "tool name 'insight-get' is already defined in alerts/mcp/alerts.yaml:7; tool names must be unique across all files",
      },
    ]);
    expect(formatDefinitionIssue(issues[0] as (typeof issues)[number])).toBe(
      "insights/mcp/insights.yaml:8: tool 'insight-get': tool name 'insight-get' is already defined in alerts/mcp/alerts.yaml:7; tool names must be unique across all files",
    );
  });

  it("reports every later duplicate against the first definition, and works without line numbers", () => {
    const { toolLines: _lines, ...withoutLines } = alerts;
    const third = { ...withoutLines, file: "third.yaml" };
    const issues = checkDefinitionSet([withoutLines, insights, third]);
    expect(issues.map((issue) => [issue.file, issue.tool, issue.line])).toEqual([
      ["insights/mcp/insights.yaml", "insight-get", 8],
      ["third.yaml", "alert-get", undefined],
      ["third.yaml", "insight-get", undefined],
    ]);
    expect(issues[2]?.message).toContain("already defined in alerts/mcp/alerts.yaml;");
  });
});
