import fc from "fast-check";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { blockYaml } from "./block-yaml.js";

/** Strings YAML readers are known to take for something else, or to trip on. */
const TRICKY = [
  "",
  " ",
  "true",
  "False",
  "null",
  "~",
  "yes",
  "off",
  "y",
  "<<",
  "=",
  "12",
  "-3.5e7",
  "0x1F",
  "0o17",
  ".inf",
  "-.NaN",
  "1:30",
  "1_000",
  "2001-12-14",
  "2001-12-14t21:59:43.10-05:00",
  "- item",
  "? key",
  ": value",
  "a: b",
  "a:b",
  "a #b",
  "a#b",
  "#comment",
  "key:",
  " leading",
  "trailing ",
  "---",
  "...",
  "--- x",
  "[flow]",
  "{flow}",
  "*alias",
  "&anchor",
  "!tag",
  "|",
  ">",
  "'single'",
  '"double"',
  "%directive",
  "@at",
  "`tick`",
  "line\nbreak",
  "tab\there",
  "cr\rhere",
  "nel\u0085here",
  "ls\u2028here",
  "bom\ufeff",
  "del\u007f",
  "nbsp\u00a0",
  "GitHub's spec + Octokit",
  "POST /categories",
  "Cannot be served: type 'text/plain'",
  "emoji 🚀",
  "back\\slash",
];

const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: "binary", maxLength: 12 }), fc.string());
const key = text.filter((candidate) => candidate !== "__proto__");
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => (Object.is(value, -0) ? 0 : value)),
);

const { tree } = fc.letrec((tie) => ({
  tree: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.boolean(),
    number,
    fc.constant(null),
    tie("tree"),
    fc.array(tie("value"), { maxLength: 3 }),
  ),
}));

describe("blockYaml", () => {
  it("reads back as the same data with the yaml and js-yaml parsers", () => {
    fc.assert(
      fc.property(tree, (data) => {
        const written = blockYaml(data as Record<string, unknown>, "a comment\n\nsecond line");
        expect(parse(written) ?? {}).toEqual(data);
        expect(load(written) ?? {}).toEqual(data);
      }),
      { numRuns: 600 },
    );
  });

  it("quotes every tricky string and keeps the others plain", () => {
    for (const value of TRICKY) {
      expect(parse(blockYaml({ value })), JSON.stringify(value)).toEqual({ value });
      expect(load(blockYaml({ [value || "empty"]: 1 })), JSON.stringify(value)).toEqual({
        [value || "empty"]: 1,
      });
    }
    expect(blockYaml({ a: "GitHub's spec + Octokit", b: "POST /categories", c: "a: b", d: "true" })).toBe(
      'a: GitHub\'s spec + Octokit\nb: POST /categories\nc: "a: b"\nd: "true"\n',
    );
  });

  it("keeps a comment a comment whatever line breaks it holds", () => {
    for (const lineBreak of ["\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"]) {
      const written = blockYaml({ a: 1 }, `Spec${lineBreak}injected: true`);
      expect(parse(written), JSON.stringify(lineBreak)).toEqual({ a: 1 });
      expect(load(written), JSON.stringify(lineBreak)).toEqual({ a: 1 });
    }
  });

  it("writes nested maps and sequences in block style, empty ones inline, with the comment on top", () => {
    const written = blockYaml(
      {
        tools: {
          "pet-get": { operation: "getPet", enabled: false, tags: ["a", { b: 1, c: [] }], extra: {} },
        },
      },
      "Scaffolded.\nReview each tool.",
    );
    expect(written).toBe(
      [
        "# Scaffolded.",
        "# Review each tool.",
        "",
        "tools:",
        "  pet-get:",
        "    operation: getPet",
        "    enabled: false",
        "    tags:",
        "      - a",
        "      - b: 1",
        "        c: []",
        "    extra: {}",
        "",
      ].join("\n"),
    );
  });
});
