import {
  CONFIRMATION_TOKEN_ARGUMENT,
  type McpToolAnnotations,
  type ObjectJsonSchema,
} from "@toolwright/core";
import { advertisesOutputSchema, confirmGuardOf, type ServedTool } from "../catalog/served-tool.js";

/** A tool as `tools/list` shows it (MCP's Tool shape without SDK types). */
export interface AdvertisedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: ObjectJsonSchema;
  outputSchema?: ObjectJsonSchema;
  /**
   * The behaviour hints. No `annotations.title`: the tool's own `title` (MCP 2025-06-18 on) is the
   * display name; MCP 2025-11-25 and 2026-07-28 both give the precedence "title, annotations.title,
   * then name" (the SDKs' `getDisplayName` too). Sending both cost GitHub's 1,223 tools 59 kB a list.
   */
  annotations: McpToolAnnotations & { title?: string };
}

/**
 * Adds the optional `confirmation_token` to a confirm tool's schema. Generated catalogs already
 * carry it (codegen adds it, so snapshots show what is advertised); hand-written tools may not.
 */
function withConfirmationArgument(schema: ObjectJsonSchema): ObjectJsonSchema {
  if (schema.properties?.[CONFIRMATION_TOKEN_ARGUMENT] !== undefined) return schema;
  return {
    ...schema,
    properties: {
      ...schema.properties,
      [CONFIRMATION_TOKEN_ARGUMENT]: {
        type: "string",
        description:
          "Leave out on the first call: the tool then returns a summary and a token. After the user agrees, call again with that token.",
      },
    },
  };
}

/**
 * The catalog's own JSON Schemas, as they are; confirm tools lacking `confirmation_token` gain it
 * (optional). The title is sent once, as the top-level `title` (see `AdvertisedTool.annotations`).
 */
export function advertise(tool: ServedTool): AdvertisedTool {
  const advertised: AdvertisedTool = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: confirmGuardOf(tool) ? withConfirmationArgument(tool.inputSchema) : tool.inputSchema,
    annotations: { ...tool.annotations },
  };
  if (advertisesOutputSchema(tool) && tool.outputSchema) advertised.outputSchema = tool.outputSchema;
  return advertised;
}
