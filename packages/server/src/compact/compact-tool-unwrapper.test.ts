import { describe, expect, it } from "vitest";
import { compactToolUnwrapper } from "./compact-tool-unwrapper.js";
import { COMPACT_TOOLS } from "./compact-tools.js";

describe("compactToolUnwrapper", () => {
  it("resolves a call-tool call to the tool it runs and that tool's arguments", () => {
    expect(compactToolUnwrapper("call-tool", { name: "workflows-get", arguments: { id: 1 } })).toEqual({
      name: "workflows-get",
      args: { id: 1 },
    });
    expect(compactToolUnwrapper("call-tool", { name: "whoami" })).toEqual({ name: "whoami", args: {} });
  });

  it("leaves the other compact tools, other tools and malformed call-tool calls as they are", () => {
    expect(compactToolUnwrapper("search-tools", { query: "alert" })).toBeUndefined();
    expect(compactToolUnwrapper("describe-tool", { name: "workflows-get" })).toBeUndefined();
    expect(compactToolUnwrapper("workflows-get", { name: "x" })).toBeUndefined();
    expect(compactToolUnwrapper("call-tool", { name: "" })).toBeUndefined();
    expect(compactToolUnwrapper("call-tool", { arguments: { id: 1 } })).toBeUndefined();
    expect(compactToolUnwrapper("call-tool", undefined)).toBeUndefined();
  });

  it("unwraps the call-tool that compact mode advertises", () => {
    const wrapper = COMPACT_TOOLS.find(
      (tool) => compactToolUnwrapper(tool.name, { name: "a" }) !== undefined,
    );
    expect(wrapper?.name).toBe("call-tool");
    expect(wrapper?.inputSchema.properties).toHaveProperty("arguments");
  });
});
