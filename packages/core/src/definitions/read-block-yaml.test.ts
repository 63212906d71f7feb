import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify } from "yaml";
import { fullParse } from "./__fixtures__/full-parse.js";
import { readBlockYaml } from "./read-block-yaml.js";

const header = "# Scaffolded\n\ncategory: Stripe API\nfeature: stripe\nurl_prefix: /\ntools:\n";

describe("readBlockYaml", () => {
  it("reads what scaffold writes exactly like the full parser, with each tool's line", () => {
    const source = `${header}  get-account:\n    operation: GetAccount\n  post-account:\n    operation: PostAccount\n    annotations:\n      readOnly: false\n      destructive: true\n\n  disabled-one:\n    operation: PutThing\n    enabled: false\n    disabled_reason: "Cannot be served: content type 'text/plain' is not supported."\n`;
    const read = readBlockYaml(source);
    expect(read).toEqual(fullParse(source));
    expect(read?.toolLines).toEqual({ "get-account": 7, "post-account": 9, "disabled-one": 15 });
  });

  it.each([
    ["plain words and spaces", "title: GitHub's official spec + extension"],
    ["a trailing comment", "title: words # not part of it"],
    ["a hash without a space before it", "title: C#-client"],
    ["colons without a space after them", "scope: stripe:read"],
    ["a path with braces", "operation: GET /things/{id}"],
    [
      "YAML 1.1 booleans, strings in 1.2",
      "words:\n      - yes\n      - no\n      - on\n      - off\n      - y",
    ],
    [
      "every spelling of true, false and null",
      "a: true\n    b: True\n    c: FALSE\n    d: null\n    e: Null\n    f: NULL",
    ],
    ["small integers", "count: 0\n    limit: 100"],
    ["names that look like numbers only in other YAMLs", "a: NaN\n    b: Infinity\n    c: e10"],
    ["a double-quoted string", 'title: "quoted: with # inside"'],
    ["a single-quoted string with an escaped quote", "title: 'it''s # fine' # comment"],
    ["an empty value", "description:"],
    ["a sequence at its key's column", "include_params:\n    - limit\n    - status\n    list: true"],
    ["a sequence indented under its key", "scopes:\n      - pets:read\n      - 'pets:write'\n    list: true"],
    ["comment lines at any column", "operation: x\n# left\n        # deep\n    list: true"],
  ])("agrees with the full parser on %s", (_case, body) => {
    const source = `${header}  a-tool:\n    ${body}\n  b-tool:\n    operation: y\n`;
    const read = readBlockYaml(source);
    expect(read).not.toBeNull();
    expect(read).toEqual(fullParse(source));
  });

  it.each([
    ["flow collections", "annotations: { readOnly: true }"],
    ["flow sequences", "scopes: [a, b]"],
    ["block text", "description: |\n      text"],
    ["folded text", "description: >\n      text"],
    ["anchors", "annotations: &shared\n      readOnly: true"],
    ["aliases", "annotations: *shared"],
    ["tags", "title: !!str 12"],
    ["escapes in double quotes", 'title: "a\\tb"'],
    ["a double-quoted string across lines", 'title: "one\n      two"'],
    ["a plain scalar across lines", "title: one\n      two"],
    ["floats", "ratio: 1.5"],
    ["hex and octal integers", "count: 0x1F"],
    ["integers with a leading zero", "count: 0123"],
    ["signed numbers", "count: -1"],
    ["dates", "since: 2001-12-14"],
    ["a tilde null", "title: ~"],
    ["a value that is a mapping on one line", "title: a: b"],
    ["a sequence of mappings", "guards:\n      - type: confirm"],
    ["quoted keys", '"quoted": x'],
    ["a key that the schema types", "true: x"],
    ["the prototype key", "__proto__: x"],
    ["a key and value without a space", "title:x"],
    ["a deeper line after a scalar", "title: x\n        other: y"],
    ["a mis-indented key", "title: x\n   other: y"],
  ])("hands %s to the full reader (returns null)", (_case, body) => {
    expect(readBlockYaml(`${header}  a-tool:\n    ${body}\n`)).toBeNull();
  });

  it.each([
    ["a duplicate key", `${header}  a: {}\n  a: {}\n`],
    ["a duplicate tool", `${header}  a:\n    operation: x\n  a:\n    operation: y\n`],
    ["several documents", "tools:\n  a:\n    operation: x\n---\ntools:\n  b: 1\n"],
    ["a tab", `${header}  a:\n\toperation: x\n`],
    ["CRLF line ends", `${header.replaceAll("\n", "\r\n")}  a:\r\n    operation: x\r\n`],
    ["a byte order mark", `\ufeff${header}  a:\n    operation: x\n`],
    ["NEL, a line break in YAML 1.1", `${header}  a:\n    operation: x\u0085y\n`],
    ["an empty file", ""],
    ["no tools mapping", "category: A\ntools:\n  - a\n"],
    ["tools with no value", "category: A\ntools:\n"],
    ["an indented root", "  tools:\n    a:\n      operation: x\n"],
  ])("hands %s to the full reader (returns null)", (_case, source) => {
    expect(readBlockYaml(source)).toBeNull();
  });

  it("reads a tool whose key has no value as null, like the full parser (validation words it)", () => {
    const source = `${header}  a-tool:\n  b-tool:\n    operation: y\n`;
    expect(readBlockYaml(source)).toEqual(fullParse(source));
    expect(readBlockYaml(source)?.data).toHaveProperty("tools", {
      "a-tool": null,
      "b-tool": { operation: "y" },
    });
  });

  it("ignores `tools` keys below the root", () => {
    const source = "nested:\n  tools:\n    not-a-tool: 1\ntools:\n  real-tool:\n    operation: x\n";
    expect(readBlockYaml(source)?.toolLines).toEqual({ "real-tool": 5 });
  });
});

describe("readBlockYaml: agreement with the full parser (property)", () => {
  // Scalars chosen to hit YAML's traps: typed words, numbers, indicators, quotes, colons, comments.
  const plainWord = fc.stringMatching(/^[a-z][a-z0-9_:/-]{0,10}$/);
  const scalar = fc.oneof(
    plainWord,
    plainWord,
    fc.constantFrom(
      "yes",
      "no",
      "on",
      "off",
      "~",
      "null",
      "true",
      "1e3",
      "0x1F",
      "0o17",
      "1_000",
      "2001-12-14",
    ),
    fc.constantFrom(
      "a: b",
      "a #b",
      "#x",
      "- x",
      "'q'",
      '"q"',
      "x'y",
      "[x]",
      "{x}",
      "*a",
      "&a",
      "!t",
      "|",
      ">",
      "%",
      "@",
      "`",
    ),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -1000, max: 10 ** 16 }),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const key = fc.oneof(
    fc.constantFrom("operation", "scopes", "enabled", "tools", "a-b", "x_y"),
    fc.string({ minLength: 1, maxLength: 8 }),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, scalar, tie("list"), tie("map")),
    list: fc.array(tie("node"), { maxLength: 4 }),
    map: fc.dictionary(key, tie("node"), { maxKeys: 4 }),
  })).node;
  const document = fc.record({ category: scalar, tools: fc.dictionary(key, value, { maxKeys: 4 }) });

  it("returns either null or exactly the full parser's data and tool lines", () => {
    let read = 0;
    fc.assert(
      fc.property(document, fc.constantFrom("block", "flow"), (data, collectionStyle) => {
        const source = stringify(data, { collectionStyle, lineWidth: 0 });
        const fast = readBlockYaml(source);
        if (fast === null) return;
        read += 1;
        expect(fast).toEqual(fullParse(source));
      }),
      { seed: 20261121, numRuns: 2000 },
    );
    // The property must exercise the reader, not only its refusals.
    expect(read).toBeGreaterThan(20);
  });

  it("returns either null or the full parser's data for text with random damage", () => {
    let read = 0;
    const base = `${header}  a-tool:\n    operation: x\n    scopes:\n      - a:read\n    enabled: false\n`;
    fc.assert(
      fc.property(fc.nat(base.length), fc.string({ maxLength: 6 }), (at, insert) => {
        const source = base.slice(0, at) + insert + base.slice(at);
        let reference: ReturnType<typeof fullParse> | null;
        try {
          const parsed = parseDocument(source, { uniqueKeys: true });
          reference = parsed.errors.length > 0 ? null : fullParse(source);
        } catch {
          reference = null;
        }
        const fast = readBlockYaml(source);
        if (fast === null) return;
        read += 1;
        expect(reference).not.toBeNull();
        expect(fast).toEqual(reference);
      }),
      { seed: 20261121, numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(1000);
  });
});
