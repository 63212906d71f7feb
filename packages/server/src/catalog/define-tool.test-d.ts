import { expectTypeOf, test } from "vitest";
import { z } from "zod";
import { defineTool } from "./define-tool.js";

test("handler arguments are typed from the Zod input schema", () => {
  defineTool({
    name: "typed-tool",
    title: "Typed",
    description: "Checks inference.",
    input: z.object({
      id: z.number(),
      tags: z.array(z.string()).optional(),
      mode: z.enum(["a", "b"]).default("a"),
    }),
    scopes: ["workflow:read"],
    annotations: { readOnlyHint: true },
    handler(args, context) {
      expectTypeOf(args).toEqualTypeOf<{ id: number; tags?: string[] | undefined; mode: "a" | "b" }>();
      expectTypeOf(context.caller.id).toEqualTypeOf<string>();
      expectTypeOf(context.upstream).returns.resolves.toBeUnknown();
      return args.id;
    },
  });
});

test("a handler cannot read an argument the schema does not have", () => {
  defineTool({
    name: "typed-tool",
    title: "Typed",
    description: "Checks inference.",
    input: z.object({ id: z.number() }),
    scopes: ["workflow:read"],
    annotations: { readOnlyHint: true },
    handler(args) {
      // @ts-expect-error 'name' is not in the input schema
      return args.name;
    },
  });
});
