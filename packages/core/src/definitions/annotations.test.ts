import { describe, expect, it } from "vitest";
import { annotationsRequired, resolveAnnotations, toMcpAnnotations } from "./annotations.js";

describe("resolveAnnotations", () => {
  it.each([
    ["GET", { readOnly: true, destructive: false, idempotent: true, openWorld: false }],
    ["get", { readOnly: true, destructive: false, idempotent: true, openWorld: false }],
    ["HEAD", { readOnly: true, destructive: false, idempotent: true, openWorld: false }],
    ["DELETE", { readOnly: false, destructive: true, idempotent: true, openWorld: false }],
  ])("derives defaults for %s", (method, expected) => {
    expect(resolveAnnotations(method, undefined)).toEqual(expected);
  });

  it.each(["POST", "PUT", "PATCH", "post"])("returns null for %s without annotations", (method) => {
    expect(annotationsRequired(method)).toBe(true);
    expect(resolveAnnotations(method, undefined)).toBeNull();
  });

  it("does not require annotations for GET, HEAD and DELETE", () => {
    expect(["GET", "HEAD", "DELETE"].map(annotationsRequired)).toEqual([false, false, false]);
  });

  it("fills the hints a POST tool leaves out", () => {
    expect(resolveAnnotations("POST", { readOnly: false, openWorld: true })).toEqual({
      readOnly: false,
      destructive: false,
      idempotent: false,
      openWorld: true,
    });
    expect(resolveAnnotations("PUT", {})).toEqual({
      readOnly: false,
      destructive: false,
      idempotent: true,
      openWorld: false,
    });
  });

  it("lets given hints override the method's defaults", () => {
    expect(resolveAnnotations("GET", { openWorld: true, idempotent: false })).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: false,
      openWorld: true,
    });
    // A POST that only reads (a query endpoint) defaults to not destructive and idempotent.
    expect(resolveAnnotations("POST", { readOnly: true })).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
      openWorld: false,
    });
    expect(resolveAnnotations("DELETE", { destructive: false })?.destructive).toBe(false);
  });
});

describe("toMcpAnnotations", () => {
  it("maps each hint to its MCP name", () => {
    expect(
      toMcpAnnotations({ readOnly: true, destructive: false, idempotent: true, openWorld: false }),
    ).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(
      toMcpAnnotations({ readOnly: false, destructive: true, idempotent: false, openWorld: true }),
    ).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
  });
});
