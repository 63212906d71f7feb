import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isToolwrightError } from "../errors/toolwright-error.js";
import { type DefinitionIssue, formatDefinitionIssue } from "./definition-issue.js";
import { parseDefinitionFile, safeParseDefinitionFile } from "./parse-definition-file.js";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

/** A file with one tool `alert-get` (its key on line 5) whose body is `toolBody`; `top` adds top-level lines before `tools`. */
function alertsFile(toolBody: string, top = ""): string {
  return `category: Alerts\nfeature: alerts\nurl_prefix: /alerts\n${top}tools:\n  alert-get:\n${toolBody}`;
}

/** The single issue of an invalid file, with its formatted message. */
function onlyIssue(source: string, file = "alerts.yaml"): DefinitionIssue & { text: string } {
  const result = safeParseDefinitionFile(source, file);
  if (result.success) throw new Error("expected the file to be rejected");
  expect(result.issues).toHaveLength(1);
  const issue = result.issues[0] as DefinitionIssue;
  return { ...issue, text: formatDefinitionIssue(issue) };
}

describe("safeParseDefinitionFile: realistic files", () => {
  it("accepts the workflows file with guards, confirm, a disabled tool and feature flags", () => {
    const result = safeParseDefinitionFile(fixture("workflows.yaml"), "workflows/mcp/workflows.yaml");
    if (!result.success) throw new Error(result.issues.map(formatDefinitionIssue).join("\n"));
    const { tools } = result.data;
    expect(Object.keys(tools)).toEqual([
      "workflow-list",
      "workflow-get",
      "workflow-send-batch",
      "workflow-archive",
      "workflow-legacy-export",
    ]);
    expect(result.data.feature_flag).toBe("workflows-mcp");
    expect(tools["workflow-list"]?.response).toEqual({
      include: ["id", "name", "status", "trigger.type", "created_at"],
      strip_nulls: true,
    });
    expect(tools["workflow-get"]?.response?.strip_nulls).toBe(false);
    const send = tools["workflow-send-batch"];
    expect(send?.guards?.map((guard) => guard.type)).toEqual([
      "require_state",
      "require_state",
      "acknowledged_count",
      "allow_values",
      "reject_fields",
    ]);
    expect(send?.confirm).toEqual({
      summary: "Send workflow {args.id} to {args.acknowledged_audience_count} people",
      ttl_seconds: 120,
    });
    expect(tools["workflow-archive"]?.confirm).toBe(true);
    expect(tools["workflow-legacy-export"]).toMatchObject({
      enabled: false,
      disabled_reason: "Replaced by the data warehouse export.",
      feature_flag_behavior: "disable",
    });
    // Defaults are applied.
    expect(tools["workflow-get"]).toMatchObject({ enabled: true, list: false });
  });

  it("reports the line of every tool key", () => {
    const result = safeParseDefinitionFile(fixture("workflows.yaml"), "workflows.yaml");
    expect(result.success && result.toolLines).toEqual({
      "workflow-list": 8,
      "workflow-get": 24,
      "workflow-send-batch": 32,
      "workflow-archive": 86,
      "workflow-legacy-export": 91,
    });
  });

  it("accepts the alerts file with allow_values guards on a target and on arguments", () => {
    const definition = parseDefinitionFile(fixture("alerts.yaml"), "alerts.yaml");
    expect(definition.feature).toBe("error_tracking");
    expect(definition.tools["alert-create"]?.guards?.[0]).toEqual({
      type: "allow_values",
      field: "kind",
      allowed: ["slack"],
      target: { operation: "integrations_retrieve", params: { id: "{args.integration_id}" } },
    });
    expect(definition.tools["alert-delete"]?.annotations).toEqual({ destructive: true });
  });

  it("accepts a file with no tools and fills guard defaults", () => {
    const definition = parseDefinitionFile(
      alertsFile(
        "    operation: alerts_retrieve\n    guards:\n      - type: confirm\n      - type: acknowledged_count\n        argument: acknowledged_alert_count\n        count: { operation: alerts_count, field: count }\n",
      ),
      "alerts.yaml",
    );
    expect(definition.tools["alert-get"]?.guards).toEqual([
      { type: "confirm", ttl_seconds: 300 },
      {
        type: "acknowledged_count",
        argument: "acknowledged_alert_count",
        count: { operation: "alerts_count", params: {}, field: "count" },
        noun: "audience",
      },
    ]);
    expect(
      parseDefinitionFile("category: A\nfeature: a\nurl_prefix: /a\ntools: {}\n", "a.yaml").tools,
    ).toEqual({});
  });
});

describe("safeParseDefinitionFile: each malformed case names the key, the file and the line", () => {
  it("rejects an unknown top-level key", () => {
    const issue = onlyIssue(alertsFile("    operation: a\n", "colour: red\n"));
    expect(issue).toMatchObject({ file: "alerts.yaml", line: 4, path: "colour" });
    expect(issue.text).toBe("alerts.yaml:4: key 'colour': unknown key 'colour'");
  });

  it("rejects an unknown key in a tool, naming the tool", () => {
    const issue = onlyIssue(alertsFile("    operation: a\n    scope: [alert:read]\n"));
    expect(issue).toMatchObject({ line: 7, tool: "alert-get", path: "tools.alert-get.scope" });
    expect(issue.text).toBe(
      "alerts.yaml:7: tool 'alert-get': key 'scope': unknown key 'scope'; did you mean 'scopes'?",
    );
  });

  it("reports each of several unknown keys on its own line", () => {
    const result = safeParseDefinitionFile(
      alertsFile("    operation: a\n    scope: x\n    titel: y\n"),
      "a.yaml",
    );
    expect(result.success || result.issues.map(formatDefinitionIssue)).toEqual([
      "a.yaml:7: tool 'alert-get': key 'scope': unknown key 'scope'; did you mean 'scopes'?",
      "a.yaml:8: tool 'alert-get': key 'titel': unknown key 'titel'; did you mean 'title'?",
    ]);
  });

  it("rejects an unknown key in a guard", () => {
    const issue = onlyIssue(
      alertsFile(
        "    operation: a\n    guards:\n      - type: reject_fields\n        fields: [filters.events]\n        message: no\n        wher: { type: person }\n",
      ),
    );
    expect(issue.text).toBe("alerts.yaml:11: tool 'alert-get': key 'guards.0.wher': unknown key 'wher'");
  });

  it("rejects a missing operation", () => {
    const issue = onlyIssue(alertsFile("    title: Get an alert\n"));
    expect(issue.text).toBe(
      "alerts.yaml:5: tool 'alert-get': key 'operation': missing required key 'operation'",
    );
  });

  it("rejects a value of the wrong type, saying what was found", () => {
    const issue = onlyIssue(alertsFile("    operation: 5\n"));
    expect(issue.text).toBe(
      "alerts.yaml:6: tool 'alert-get': key 'operation': expected string, got number 5",
    );
  });

  it("rejects a scope that is not resource:read, resource:write or *", () => {
    const issue = onlyIssue(alertsFile("    operation: a\n    scopes: [alert:read, alert:admin]\n"));
    expect(issue).toMatchObject({ line: 7, path: "tools.alert-get.scopes.1" });
    expect(issue.text).toContain(
      "alerts.yaml:7: tool 'alert-get': key 'scopes.1': invalid scope 'alert:admin'",
    );
  });

  it("accepts a disabled tool without disabled_reason, as a scaffolder writes it", () => {
    const result = safeParseDefinitionFile(
      alertsFile("    operation: a\n    enabled: false\n"),
      "alerts.yaml",
    );
    expect(result.success && result.data.tools["alert-get"]?.enabled).toBe(false);
  });

  it("suggests the key a typo was meant to be, and none for a word that is not close", () => {
    expect(onlyIssue(alertsFile("    operation: a\n    soft_delet: true\n")).text).toBe(
      "alerts.yaml:7: tool 'alert-get': key 'soft_delet': unknown key 'soft_delet'; did you mean 'soft_delete'?",
    );
    expect(onlyIssue(alertsFile("    operation: a\n    colour: red\n")).text).toBe(
      "alerts.yaml:7: tool 'alert-get': key 'colour': unknown key 'colour'",
    );
    expect(
      onlyIssue(alertsFile("    operation: a\n    param_overrides:\n      id:\n        cats: string-int\n"))
        .text,
    ).toBe(
      "alerts.yaml:9: tool 'alert-get': key 'param_overrides.id.cats': unknown key 'cats'; did you mean 'cast'?",
    );
  });

  it("rejects a cast PostHog's files do not use, listing the ones there are", () => {
    const issue = onlyIssue(
      alertsFile("    operation: a\n    param_overrides:\n      id:\n        cast: int-float\n"),
    );
    expect(issue.text).toBe(
      `alerts.yaml:9: tool 'alert-get': key 'param_overrides.id.cast': expected one of "string-int", "string-number", "string-boolean", "int-string", "number-string", "boolean-string", "json-string", got 'int-float'`,
    );
  });

  it("rejects an mcp_version other than 1 or 2", () => {
    expect(onlyIssue(alertsFile("    operation: a\n    mcp_version: 3\n")).text).toBe(
      "alerts.yaml:7: tool 'alert-get': key 'mcp_version': expected one of 1, 2, got number 3",
    );
  });

  it("rejects description together with description_file", () => {
    const issue = onlyIssue(
      alertsFile("    operation: a\n    description: Get one.\n    description_file: get.md\n"),
    );
    expect(issue.text).toBe(
      "alerts.yaml:8: tool 'alert-get': key 'description_file': use 'description' or 'description_file', not both",
    );
  });

  it("rejects include_params together with exclude_params", () => {
    const issue = onlyIssue(
      alertsFile("    operation: a\n    include_params: [id]\n    exclude_params: [limit]\n"),
    );
    expect(issue.text).toBe(
      "alerts.yaml:8: tool 'alert-get': key 'exclude_params': use 'include_params' or 'exclude_params', not both",
    );
  });

  it("rejects a parameter override that is both required and optional", () => {
    const issue = onlyIssue(
      alertsFile(
        "    operation: a\n    param_overrides:\n      limit:\n        required: true\n        optional: true\n",
      ),
    );
    expect(issue.text).toBe(
      "alerts.yaml:8: tool 'alert-get': key 'param_overrides.limit': a parameter cannot be both 'required' and 'optional'",
    );
  });

  it.each([
    ["Alerts", "uppercase"],
    ["error-tracking", "hyphen"],
    ["1alerts", "leading digit"],
    ["_alerts", "leading underscore"],
    ["alerts__x", "double underscore"],
  ])("rejects the feature id %s (%s)", (feature) => {
    const issue = onlyIssue(`category: A\nfeature: ${feature}\nurl_prefix: /a\ntools: {}\n`);
    expect(issue.text).toBe(
      `alerts.yaml:2: key 'feature': feature '${feature}' must be snake_case starting with a letter (e.g. 'workflows', 'error_tracking')`,
    );
  });

  it.each([
    ["/alerts/id", "enrich_url needs a placeholder"],
    ["/alerts/{params.alert-id}", "enrich_url placeholders are result fields"],
    ["/alerts/{id}/{name", "'{' or '}' that is not part of a placeholder"],
  ])("rejects the enrich_url %s", (template, message) => {
    const result = safeParseDefinitionFile(
      alertsFile(`    operation: a\n    enrich_url: '${template}'\n`),
      "a.yaml",
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    const texts = result.issues.map(formatDefinitionIssue);
    expect(texts.some((text) => text.startsWith("a.yaml:7: tool 'alert-get': key 'enrich_url':"))).toBe(true);
    expect(texts.join("\n")).toContain(message);
  });

  it("rejects a response with both include and exclude", () => {
    const issue = onlyIssue(
      alertsFile("    operation: a\n    response:\n      include: [id]\n      exclude: [name]\n"),
    );
    expect(issue.text).toBe(
      "alerts.yaml:7: tool 'alert-get': key 'response': response takes 'include' or 'exclude', not both",
    );
  });

  it("rejects a response path that is not a dot path", () => {
    const issue = onlyIssue(alertsFile("    operation: a\n    response:\n      include: ['results..id']\n"));
    expect(issue.text).toContain("key 'response.include.0': invalid path 'results..id'");
  });

  it("rejects an unknown guard type, listing the known ones", () => {
    const issue = onlyIssue(alertsFile("    operation: a\n    guards:\n      - type: require_approval\n"));
    expect(issue.text).toBe(
      "alerts.yaml:8: tool 'alert-get': key 'guards.0.type': unknown type 'require_approval'; expected one of 'acknowledged_count', 'require_state', 'allow_values', 'reject_fields', 'confirm', 'rate_limit'",
    );
  });

  it("rejects a guard without a type", () => {
    const issue = onlyIssue(alertsFile("    operation: a\n    guards:\n      - fields: [filters.events]\n"));
    expect(issue.text).toContain("key 'guards.0.type': missing 'type'; expected one of 'acknowledged_count'");
  });

  it.each(["audience_count", "acknowledged_count", "acknowledged_Audience_count"])(
    "rejects the acknowledged_count argument name %s",
    (argument) => {
      const issue = onlyIssue(
        alertsFile(
          `    operation: a\n    guards:\n      - type: acknowledged_count\n        argument: ${argument}\n        count: { operation: audience_count, field: count }\n`,
        ),
      );
      expect(issue.text).toBe(
        "alerts.yaml:9: tool 'alert-get': key 'guards.0.argument': argument must be named 'acknowledged_<what>_count'",
      );
    },
  );

  it("rejects both confirm and a confirm guard", () => {
    const issue = onlyIssue(
      alertsFile("    operation: a\n    confirm: true\n    guards:\n      - type: confirm\n"),
    );
    expect(issue.text).toContain("key 'confirm': declare confirmation once");
  });

  it("rejects confirm: false (confirm is true or options)", () => {
    const issue = onlyIssue(alertsFile("    operation: a\n    confirm: false\n"));
    expect(issue.text).toBe("alerts.yaml:7: tool 'alert-get': key 'confirm': invalid value boolean false");
  });

  it("rejects a feature_flag_behavior without a feature_flag, in a tool and at the top", () => {
    expect(onlyIssue(alertsFile("    operation: a\n    feature_flag_behavior: disable\n")).text).toContain(
      "key 'feature_flag_behavior': 'feature_flag_behavior' needs a 'feature_flag'",
    );
    expect(onlyIssue(alertsFile("    operation: a\n", "feature_flag_behavior: disable\n")).text).toBe(
      "alerts.yaml:4: key 'feature_flag_behavior': 'feature_flag_behavior' needs a 'feature_flag'",
    );
  });

  it("rejects a feature_flag_behavior outside enable/disable", () => {
    const issue = onlyIssue(
      alertsFile("    operation: a\n    feature_flag: f\n    feature_flag_behavior: maybe\n"),
    );
    expect(issue.text).toBe(
      `alerts.yaml:8: tool 'alert-get': key 'feature_flag_behavior': expected one of "enable", "disable", got 'maybe'`,
    );
  });

  it("rejects a url_prefix that is not a path", () => {
    const issue = onlyIssue("category: A\nfeature: a\nurl_prefix: alerts\ntools: {}\n");
    expect(issue.text).toBe("alerts.yaml:3: key 'url_prefix': url_prefix must be a path starting with '/'");
  });

  it("rejects a document that is not a mapping", () => {
    expect(onlyIssue("- a\n- b\n").text).toBe("alerts.yaml:1: expected object, got an array");
  });

  it("rejects invalid YAML with the parser's line", () => {
    const issue = onlyIssue(alertsFile("    operation: [alerts_retrieve\n"));
    expect(issue.line).toBe(7);
    expect(issue.text).toMatch(/^alerts\.yaml:7: invalid YAML: /);
  });

  it("rejects duplicate YAML keys, naming the key and its line", () => {
    const issue = onlyIssue(
      alertsFile("    operation: alerts_retrieve\n    title: Get\n    operation: alerts_list\n"),
    );
    expect(issue.text).toBe("alerts.yaml:8: invalid YAML: duplicate key 'operation'");
  });
});

describe("safeParseDefinitionFile: tool names", () => {
  const withTool = (name: string) =>
    `category: A\nfeature: a\nurl_prefix: /a\ntools:\n  ${name}:\n    operation: op\n`;

  it("accepts a 52-character name and rejects a 53-character one", () => {
    expect(safeParseDefinitionFile(withTool("a".repeat(52)), "a.yaml").success).toBe(true);
    const long = "a".repeat(53);
    expect(onlyIssue(withTool(long)).text).toBe(
      `alerts.yaml:5: tool '${long}': tool name '${long}' is 53 characters; the limit is 52`,
    );
  });

  it.each([
    ["-alert-get", "must not start or end with '-'"],
    ["alert-get-", "must not start or end with '-'"],
    ["alert--get", "must not contain '--'"],
    ["Alert-Get", "may only use lowercase letters, digits and '-'"],
    ["alert_get", "may only use lowercase letters, digits and '-'"],
    ["alert.get", "may only use lowercase letters, digits and '-'"],
  ])("rejects %s with file, line and tool", (name, message) => {
    const issue = onlyIssue(withTool(`'${name}'`));
    expect(issue).toMatchObject({ file: "alerts.yaml", line: 5, tool: name });
    expect(issue.text).toBe(`alerts.yaml:5: tool '${name}': tool name '${name}' ${message}`);
  });

  it("reports every bad name in the file, each at its own line", () => {
    const source =
      "category: A\nfeature: a\nurl_prefix: /a\ntools:\n  ok-tool:\n    operation: a\n  Bad:\n    operation: b\n  bad-:\n    operation: c\n";
    const result = safeParseDefinitionFile(source, "a.yaml");
    expect(result.success || result.issues.map((issue) => [issue.tool, issue.line])).toEqual([
      ["Bad", 7],
      ["bad-", 9],
    ]);
  });
});

describe("safeParseDefinitionFile: several problems", () => {
  it("reports every problem of every tool in one pass", () => {
    const source = [
      "category: A",
      "feature: a",
      "url_prefix: /a",
      "tools:",
      "  Bad-Name:",
      "    operation: a",
      "  ok-tool:",
      "    operation: b",
      "    scope: x",
      "  other-tool:",
      "    operation: c",
      "    enabled: false",
      "",
    ].join("\n");
    const result = safeParseDefinitionFile(source, "a.yaml");
    expect(result.success || result.issues.map(formatDefinitionIssue).sort()).toEqual([
      "a.yaml:5: tool 'Bad-Name': tool name 'Bad-Name' may only use lowercase letters, digits and '-'",
      "a.yaml:9: tool 'ok-tool': key 'scope': unknown key 'scope'; did you mean 'scopes'?",
    ]);
  });
});

describe("parseDefinitionFile", () => {
  it("throws one invalid_definition error listing every problem with file and line", () => {
    const source = alertsFile("    operation: a\n    scope: x\n    enabled: yes\n");
    let thrown: unknown;
    try {
      parseDefinitionFile(source, "alerts/mcp/alerts.yaml");
    } catch (error) {
      thrown = error;
    }
    expect(isToolwrightError(thrown)).toBe(true);
    if (!isToolwrightError(thrown)) return;
    expect(thrown.code).toBe("invalid_definition");
    expect(thrown.message).toBe(
      [
        "2 problems in tool definitions:",
        "  alerts/mcp/alerts.yaml:8: tool 'alert-get': key 'enabled': expected boolean, got 'yes'",
        "  alerts/mcp/alerts.yaml:7: tool 'alert-get': key 'scope': unknown key 'scope'; did you mean 'scopes'?",
      ].join("\n"),
    );
    expect(thrown.location).toEqual({ file: "alerts/mcp/alerts.yaml", tool: "alert-get", line: 8 });
    expect((thrown.details.issues as unknown[]).length).toBe(2);
  });
});

describe("safeParseDefinitionFile: YAML aliases", () => {
  it("reports an unresolved alias as an issue naming the file instead of throwing", () => {
    const result = safeParseDefinitionFile(
      "category: X\ntools:\n  a-tool:\n    guards: *missing\n",
      "mcp/a.yaml",
    );
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues[0]).toMatchObject({ file: "mcp/a.yaml" });
      expect(result.issues[0]?.message).toMatch(/^invalid YAML: .*alias/i);
    }
  });

  it("reports an alias bomb instead of expanding it", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "tools: {}",
    ].join("\n");
    const result = safeParseDefinitionFile(bomb, "mcp/bomb.yaml");
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.message).toMatch(/alias/i);
  });

  it("still accepts ordinary anchors and aliases that share a block", () => {
    const source = [
      "category: Alerts",
      "feature: alerts",
      "url_prefix: /alerts",
      "tools:",
      "  alert-get:",
      "    operation: alerts_retrieve",
      "    scopes: &read [alert:read]",
      "  alerts-list:",
      "    operation: alerts_list",
      "    scopes: *read",
    ].join("\n");
    const result = safeParseDefinitionFile(source, "mcp/alerts.yaml");
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data.tools["alerts-list"]?.scopes).toEqual(["alert:read"]);
      expect(result.toolLines).toEqual({ "alert-get": 5, "alerts-list": 8 });
    }
  });
});

describe("safeParseDefinitionFile: keys of other pipelines", () => {
  it("loads a file with validators and agent_note, warning about each at its line", () => {
    const source = alertsFile(
      "    operation: a\n    validators: [check_filters]\n    agent_note: Prefer the list tool.\n",
      "agent_note: Alerts are per project.\n",
    );
    const result = safeParseDefinitionFile(source, "alerts.yaml");
    if (!result.success) throw new Error(result.issues.map(formatDefinitionIssue).join("\n"));
    expect(result.data.tools["alert-get"]).not.toHaveProperty("validators");
    expect(result.warnings.map(formatDefinitionIssue)).toEqual([
      "alerts.yaml:4: warning: key 'agent_note': 'agent_note' is not implemented by Toolwright (a note for another pipeline's agent prompts); it is ignored",
      "alerts.yaml:8: warning: tool 'alert-get': key 'validators': 'validators' is not implemented by Toolwright (custom input validators run by another pipeline's generated code); it is ignored",
      "alerts.yaml:9: warning: tool 'alert-get': key 'agent_note': 'agent_note' is not implemented by Toolwright (a note for another pipeline's agent prompts); it is ignored",
    ]);
  });

  it("gives a file without them no warnings on the fast path", () => {
    const result = safeParseDefinitionFile(alertsFile("    operation: a\n"), "alerts.yaml");
    expect(result.success && result.warnings).toEqual([]);
  });
});
