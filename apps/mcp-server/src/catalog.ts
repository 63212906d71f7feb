import { parseToolDefinitions } from "@toolwright/core";
import { type Catalog, createCatalog } from "@toolwright/server";
import definitions from "./generated/tool-definitions.json" with { type: "json" };
import { whoamiTool } from "./tools/whoami.js";

/** The demo product's catalog: the generated tools plus the hand-written ones. */
export function demoCatalog(): Catalog {
  return createCatalog({
    definitions: parseToolDefinitions(definitions, "apps/mcp-server/src/generated/tool-definitions.json"),
    tools: [whoamiTool],
  });
}
