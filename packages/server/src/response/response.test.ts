import { describe, expect, it } from "vitest";
import { compileLink, type EnrichUrl } from "./enrich-url.js";
import { sizeResult } from "./result-size.js";
import { compileFilter, mapItems } from "./shape-response.js";

const filterValue = (value: unknown, filter: Parameters<typeof compileFilter>[0]) =>
  compileFilter(filter)(value);
const addLink = (item: unknown, args: Record<string, unknown>, enrich: EnrichUrl, base: string) =>
  compileLink(enrich, base)(item, args);

const item = {
  id: 1,
  name: "a",
  meta: { secret: "s", public: "p", empty: null },
  tags: [{ k: 1, v: 2 }, { k: 3 }],
};

describe("response filters", () => {
  it("includes dot paths with wildcards", () => {
    expect(filterValue(item, { include: ["id", "meta.public", "tags.*.k"], strip_nulls: false })).toEqual({
      id: 1,
      meta: { public: "p" },
      tags: [{ k: 1 }, { k: 3 }],
    });
  });

  it("excludes dot paths with wildcards and strips nulls", () => {
    expect(filterValue(item, { exclude: ["meta.secret", "tags.*.v"], strip_nulls: true })).toEqual({
      id: 1,
      name: "a",
      meta: { public: "p" },
      tags: [{ k: 1 }, { k: 3 }],
    });
  });

  it("applies per item of `results` on list tools, keeping the page's other keys", () => {
    const page = { count: 2, next: null, results: [item, { ...item, id: 2 }] };
    const filtered = mapItems(page, true, (value) =>
      filterValue(value, { include: ["id"], strip_nulls: false }),
    );
    expect(filtered).toEqual({ count: 2, next: null, results: [{ id: 1 }, { id: 2 }] });
  });
});

describe("links", () => {
  const enrich = { urlPrefix: "/project/1/", template: "items/{id}?tab={params.tab}" };

  it("fills result fields and arguments, URL-encoded", () => {
    expect(addLink({ id: "a b" }, { tab: "x/y" }, enrich, "https://app.example.com/")).toEqual({
      id: "a b",
      url: "https://app.example.com/project/1/items/a%20b?tab=x%2Fy",
    });
  });

  it("adds no link when a placeholder has no value", () => {
    expect(addLink({ name: "no id" }, { tab: "x" }, enrich, "https://app")).toEqual({ name: "no id" });
  });
});

describe("size cap", () => {
  it("leaves small results alone", () => {
    expect(sizeResult({ a: 1 }, 100)).toEqual({ text: '{"a":1}', data: { a: 1 }, truncated: false });
  });

  it("cuts non-list text at the byte limit without splitting a character", () => {
    const sized = sizeResult({ text: "é".repeat(100) }, 51);
    expect(sized.truncated).toBe(true);
    const [kept] = sized.text.split("\n\n[Truncated");
    expect(Buffer.byteLength(kept ?? "")).toBeLessThanOrEqual(51);
    expect(kept).not.toContain("\uFFFD");
    expect(sized.text).toContain("the text above is cut off");
  });
});
