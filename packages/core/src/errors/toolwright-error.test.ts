import { describe, expect, it } from "vitest";
import { errorFactory, formatLocation, isToolwrightError, ToolwrightError } from "./toolwright-error.js";

describe("ToolwrightError", () => {
  it("carries a literal code, the message, the location, details and cause", () => {
    const cause = new Error("ENOENT");
    const error = new ToolwrightError("invalid_definition", "unknown key 'scope'", {
      file: "alerts.yaml",
      tool: "alert-get",
      key: "scope",
      line: 7,
      cause,
      details: { issues: 1 },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ToolwrightError");
    expect(error.code).toBe("invalid_definition");
    expect(error.message).toBe("unknown key 'scope'");
    expect(error.cause).toBe(cause);
    expect(error.location).toEqual({ file: "alerts.yaml", tool: "alert-get", key: "scope", line: 7 });
    expect(error.details).toEqual({ issues: 1 });
  });

  it("has no cause and empty details and location when none are given", () => {
    const error = new ToolwrightError("internal_error", "boom");
    expect("cause" in error).toBe(false);
    expect(error.location).toEqual({});
    expect(error.details).toEqual({});
  });
});

describe("isToolwrightError", () => {
  it("recognises errors by the Symbol.for brand, so copies of the package agree", () => {
    expect(isToolwrightError(new ToolwrightError("unknown_tool", "no such tool"))).toBe(true);
    // What another bundled copy of the class produces: a different class with the same global brand.
    const brand = Symbol.for("toolwright.error");
    class CopiedToolwrightError extends Error {
      readonly code = "unknown_tool";
      constructor(message: string) {
        super(message);
        Object.defineProperty(this, brand, { value: true });
      }
    }
    expect(isToolwrightError(new CopiedToolwrightError("no such tool"))).toBe(true);
    expect(isToolwrightError({ [Symbol.for("toolwright.error")]: true, code: "x" })).toBe(true);
  });

  it("rejects everything else", () => {
    expect(isToolwrightError(new Error("plain"))).toBe(false);
    expect(isToolwrightError({ code: "invalid_scope", name: "ToolwrightError" })).toBe(false);
    expect(isToolwrightError({ [Symbol("toolwright.error")]: true })).toBe(false);
    expect(isToolwrightError({ [Symbol.for("toolwright.error")]: "yes" })).toBe(false);
    expect(isToolwrightError(null)).toBe(false);
    expect(isToolwrightError("ToolwrightError")).toBe(false);
  });
});

describe("formatLocation", () => {
  it("renders the parts that are known", () => {
    expect(formatLocation({ file: "a.yaml", line: 3, tool: "alert-get", key: "scopes" })).toBe(
      "a.yaml:3, tool 'alert-get', key 'scopes'",
    );
    expect(formatLocation({ tool: "alert-get" })).toBe("tool 'alert-get'");
    expect(formatLocation({})).toBe("");
  });

  it("lets each package construct its own codes, recognised by the shared brand check", () => {
    type PluginCode = "plugin_broken" | "plugin_missing";
    const pluginError = errorFactory<PluginCode>();
    const error = pluginError("plugin_missing", "the plugin 'x' is not installed", { key: "plugins" });
    expect(error).toBeInstanceOf(ToolwrightError);
    expect(isToolwrightError(error)).toBe(true);
    expect(error.code).toBe("plugin_missing");
    expect(error.location).toEqual({ key: "plugins" });
    // A code the package does not declare does not typecheck (`pnpm typecheck` fails if this one did).
    // @ts-expect-error: 'upstream_error' is not a PluginCode
    expect(pluginError("upstream_error", "no").code).toBe("upstream_error");
  });
});
