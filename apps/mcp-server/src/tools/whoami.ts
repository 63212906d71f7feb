import { defineTool } from "@toolwright/server";
import { z } from "zod";

/** A hand-written tool: tells the agent which project its key belongs to and what it may do. */
export const whoamiTool = defineTool({
  name: "whoami",
  title: "Who am I",
  description:
    "Returns the project your API key belongs to and the scopes it grants. Call it first when a tool is refused for missing scopes, to tell the user which scope their key lacks.",
  input: z.strictObject({}),
  // Loose: the upstream may add fields, and the client validates structuredContent against this.
  output: z.looseObject({
    project: z.looseObject({ id: z.number(), name: z.string() }),
    scopes: z.array(z.string()),
  }),
  scopes: [],
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  feature: "account",
  category: "Account",
  handler: async (_args, context) => context.upstream({ method: "GET", path: "/api/keys/@current" }),
});
