import { describe, expect, it } from "vitest";
import { fullView, viewFromRequest } from "./tool-view.js";

const view = (query: string, headers: Record<string, string> = {}, defaults = {}) =>
  viewFromRequest(new URL(`http://127.0.0.1/mcp${query}`), new Headers(headers), defaults);

describe("the tool set of a view", () => {
  it("is 1 by default, 2 with ?version=2 or the x-toolwright-version header", () => {
    expect(view("").version).toBe(1);
    expect(fullView().version).toBe(1);
    expect(view("?version=2").version).toBe(2);
    expect(view("", { "x-toolwright-version": "2" }).version).toBe(2);
    expect(view("?version=1", { "x-toolwright-version": "2" }).version).toBe(1);
  });

  it("keeps the server's default for a value that is not a tool set", () => {
    expect(view("?version=3", {}, { version: 2 }).version).toBe(2);
    expect(view("?version=latest").version).toBe(1);
  });
});
