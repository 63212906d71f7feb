import { describe, expectTypeOf, it } from "vitest";
import type { Guard } from "../guards/guard.js";
import type { Scope } from "../scopes/scope.js";
import type { DefinitionFile, DefinitionFileInput } from "./definition-file.js";
import type { ToolConfig, ToolConfigInput } from "./tool-config.js";

describe("ToolConfig", () => {
  it("infers the fields callers read", () => {
    expectTypeOf<ToolConfig["operation"]>().toBeString();
    expectTypeOf<ToolConfig["enabled"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ToolConfig["list"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ToolConfig["scopes"]>().toEqualTypeOf<Scope[] | undefined>();
    expectTypeOf<ToolConfig["guards"]>().toEqualTypeOf<Guard[] | undefined>();
    expectTypeOf<ToolConfig["feature_flag_behavior"]>().toEqualTypeOf<"enable" | "disable" | undefined>();
    expectTypeOf<NonNullable<ToolConfig["response"]>["strip_nulls"]>().toEqualTypeOf<boolean>();
  });

  it("keeps defaulted keys optional in the input type", () => {
    expectTypeOf<ToolConfigInput["enabled"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<{ operation: "a" }>().toExtend<ToolConfigInput>();
    expectTypeOf<{ operation: "a"; confirm: true }>().toExtend<ToolConfigInput>();
    expectTypeOf<{ operation: "a"; confirm: false }>().not.toExtend<ToolConfigInput>();
  });

  it("narrows confirm between true and options", () => {
    const ttl = (tool: ToolConfig) => {
      if (tool.confirm === undefined || tool.confirm === true) return 300;
      expectTypeOf(tool.confirm.summary).toEqualTypeOf<string | undefined>();
      return tool.confirm.ttl_seconds;
    };
    expectTypeOf(ttl).returns.toBeNumber();
  });

  it("types a definition file's tools as a map of ToolConfig", () => {
    expectTypeOf<DefinitionFile["tools"]>().toEqualTypeOf<Record<string, ToolConfig>>();
    expectTypeOf<DefinitionFileInput["tools"]>().toEqualTypeOf<Record<string, ToolConfigInput>>();
  });
});
