import { getPath, templatePlaceholders } from "@toolwright/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLink } from "./enrich-url.js";
import { compileFilter } from "./shape-response.js";

// The filters and links as they were written before being compiled per tool: the compiled forms
// must give exactly the same values, key order included, for any JSON and any paths.
type Path = readonly string[];
const matches = (segment: string | undefined, key: string) => segment === "*" || segment === key;
const entriesOf = (value: object): Array<[string, unknown]> =>
  Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);

function project(value: unknown, paths: readonly Path[]): unknown {
  if (paths.some((path) => path.length === 0)) return value;
  if (typeof value !== "object" || value === null) return undefined;
  const kept: Array<[string, unknown]> = [];
  for (const [key, child] of entriesOf(value)) {
    const rest = paths.filter((path) => matches(path[0], key)).map((path) => path.slice(1));
    if (rest.length === 0) continue;
    const projected = project(child, rest);
    if (projected !== undefined) kept.push([key, projected]);
  }
  return Array.isArray(value) ? kept.map(([, child]) => child) : Object.fromEntries(kept);
}

function omit(value: unknown, paths: readonly Path[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  const kept: Array<[string, unknown]> = [];
  for (const [key, child] of entriesOf(value)) {
    const hits = paths.filter((path) => matches(path[0], key));
    if (hits.some((path) => path.length === 1)) continue;
    kept.push([
      key,
      hits.length === 0
        ? child
        : omit(
            child,
            hits.map((path) => path.slice(1)),
          ),
    ]);
  }
  return Array.isArray(value) ? kept.map(([, child]) => child) : Object.fromEntries(kept);
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== null)
      .map(([key, child]) => [key, stripNulls(child)]),
  );
}

function referenceFilter(value: unknown, include?: string[], exclude?: string[], strip = false): unknown {
  let result = value;
  if (include)
    result =
      project(
        result,
        include.map((path) => path.split(".")),
      ) ?? {};
  if (exclude)
    result = omit(
      result,
      exclude.map((path) => path.split(".")),
    );
  return strip ? stripNulls(result) : result;
}

function referenceLink(
  item: unknown,
  args: Record<string, unknown>,
  template: string,
  base: string,
  prefix: string,
) {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
  let complete = true;
  const path = template.replace(/\{([^}]+)\}/g, (_match, placeholder: string) => {
    const value = placeholder.startsWith("params.")
      ? getPath(args, placeholder.slice("params.".length))
      : getPath(item, placeholder);
    if (value === undefined || value === null || typeof value === "object") complete = false;
    return encodeURIComponent(String(value));
  });
  if (!complete || templatePlaceholders(template).length === 0) return item;
  const left = `${base.replace(/\/+$/, "")}${prefix ? `/${prefix.replace(/^\/+|\/+$/g, "")}` : ""}`;
  return { ...item, url: `${left}/${path.replace(/^\/+/, "")}` };
}

// Few distinct keys, so generated paths hit generated data often.
const key = fc.constantFrom("a", "b", "c", "0", "1", "__proto__", "id");
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, 1, "x", true),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;
const path = fc
  .array(fc.oneof(key, fc.constant("*")), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join("."));
const paths = fc.array(path, { minLength: 1, maxLength: 4 });

describe("compiled response filters", () => {
  it("keep exactly what the reference include keeps", () => {
    fc.assert(
      fc.property(json, paths, fc.boolean(), (value, include, strip) => {
        const compiled = compileFilter({ include, strip_nulls: strip })(value);
        expect(JSON.stringify(compiled)).toBe(
          JSON.stringify(referenceFilter(value, include, undefined, strip)),
        );
        expect(compiled).toStrictEqual(referenceFilter(value, include, undefined, strip));
      }),
      { numRuns: 2000 },
    );
  });

  it("drop exactly what the reference exclude drops", () => {
    fc.assert(
      fc.property(json, paths, fc.boolean(), (value, exclude, strip) => {
        const compiled = compileFilter({ exclude, strip_nulls: strip })(value);
        expect(JSON.stringify(compiled)).toBe(
          JSON.stringify(referenceFilter(value, undefined, exclude, strip)),
        );
        expect(compiled).toStrictEqual(referenceFilter(value, undefined, exclude, strip));
      }),
      { numRuns: 2000 },
    );
  });

  it("treat an own `__proto__` key as data, never as the prototype", () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"id":1}') as Record<string, unknown>;
    const kept = compileFilter({ include: ["__proto__.polluted", "id"], strip_nulls: false })(value);
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(Object.hasOwn(kept as object, "__proto__")).toBe(true);
    expect(JSON.stringify(kept)).toBe('{"__proto__":{"polluted":true},"id":1}');
  });
});

describe("compiled links", () => {
  const template = fc
    .array(
      fc.oneof(
        fc.constantFrom("/", "items/", "?tab=", "x"),
        path.map((p) => `{${p}}`),
        path.map((p) => `{params.${p}}`),
      ),
      {
        maxLength: 4,
      },
    )
    .map((parts) => parts.join(""));
  const item = fc.dictionary(key, fc.oneof(json, fc.constantFrom("a b", "é/?", 7)), {
    maxKeys: 4,
    noNullPrototype: true,
  });

  it("build exactly the reference link, or none when the reference has none", () => {
    fc.assert(
      fc.property(item, item, template, fc.constantFrom("", "/p/1/", "p"), (value, args, text, prefix) => {
        const base = "https://app.example.com/";
        const compiled = compileLink({ urlPrefix: prefix, template: text }, base)(value, args);
        expect(compiled).toStrictEqual(referenceLink(value, args, text, base, prefix));
        // In place (on a copy the caller owns), the item becomes what the reference returns.
        const owned = structuredClone(value);
        expect(compileLink({ urlPrefix: prefix, template: text }, base, true)(owned, args)).toStrictEqual(
          referenceLink(value, args, text, base, prefix),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
