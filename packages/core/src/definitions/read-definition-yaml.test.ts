import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fullParse } from "./__fixtures__/full-parse.js";
import { readDefinitionYaml } from "./read-definition-yaml.js";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

describe("readDefinitionYaml", () => {
  it.each(["alerts.yaml", "workflows.yaml"])("reads %s exactly like the full parser", (name) => {
    const source = fixture(name);
    expect(readDefinitionYaml(source)).toEqual(fullParse(source));
  });

  it("agrees with the full parser on YAML 1.2 core scalars, quoting, anchors and block text", () => {
    const source = [
      "category: Scalars",
      "feature: ~",
      "url_prefix: '/x'",
      "defaults: &defaults",
      "  enabled: true",
      "  count: 0x1F",
      "  ratio: 1.5e3",
      "  octal: 0o17",
      "  words: [yes, no, on, off, 1_000, 2001-12-14]",
      "tools:",
      '  "quoted-tool":',
      "    operation: GET /things/{id}",
      "    description: |",
      "      Two lines",
      "      of text.",
      "  plain-tool: { operation: listThings, settings: { enabled: true } }",
      "  'single-quoted': {}",
      "",
    ].join("\n");
    const fast = readDefinitionYaml(source);
    expect(fast).toEqual(fullParse(source));
    expect(fast?.toolLines).toEqual({ "quoted-tool": 11, "plain-tool": 16, "single-quoted": 17 });
  });

  it("leaves files with aliases to the full parser, which caps their expansion", () => {
    expect(readDefinitionYaml("a: &a [x]\nb: *a\ntools: {}\n")).toBeNull();
  });

  it("places tool keys after comments, blank lines and multi-line values", () => {
    const source =
      "# header\n\ncategory: A\ntools:\n  # first\n  a-tool:\n    description: >\n      folded\n      text\n\n  b-tool:\n    operation: x\n";
    expect(readDefinitionYaml(source)?.toolLines).toEqual({ "a-tool": 6, "b-tool": 11 });
  });

  it("ignores `tools` keys below the root", () => {
    const source = "nested:\n  tools:\n    not-a-tool: 1\ntools:\n  real-tool: {}\n";
    expect(readDefinitionYaml(source)?.toolLines).toEqual({ "real-tool": 5 });
  });

  it.each([
    ["a duplicate key", "tools:\n  a: {}\n  a: {}\n"],
    ["a syntax error", "tools:\n  a: [unclosed\n"],
    ["several documents", "tools: {}\n---\ntools: {}\n"],
    ["an empty file", ""],
    ["a tool key that is not a scalar", "tools:\n  ? [a, b]\n  : {}\n"],
  ])("hands %s to the full parser (returns null)", (_case, source) => {
    expect(readDefinitionYaml(source)).toBeNull();
  });

  it("reads a file without tools, leaving the shape to validation", () => {
    expect(readDefinitionYaml("category: A\ntools: []\n")).toEqual({
      data: { category: "A", tools: [] },
      toolLines: {},
    });
  });
});
