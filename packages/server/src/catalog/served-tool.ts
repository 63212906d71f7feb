import type {
  CatalogTool,
  Guard,
  McpToolAnnotations,
  ObjectJsonSchema,
  OperationBinding,
  ResponseFilter,
  Scope,
} from "@toolwright/core";
import type { ToolContext } from "./tool-context.js";

/** Runs a hand-written tool; resolves to the result data. */
export type ToolHandler = (args: Record<string, unknown>, context: ToolContext) => unknown;

/** What a tool does when called: an upstream operation, or a hand-written handler. */
export type ToolTarget =
  | { kind: "upstream"; binding: OperationBinding }
  | { kind: "handler"; handler: ToolHandler };

/** One tool as the server serves it, whether generated or hand-written. */
export interface ServedTool {
  name: string;
  title: string;
  description: string;
  category: string;
  feature: string;
  inputSchema: ObjectJsonSchema;
  outputSchema: ObjectJsonSchema | null;
  annotations: McpToolAnnotations;
  scopes: readonly Scope[];
  featureFlag: CatalogTool["featureFlag"];
  guards: readonly Guard[];
  list: boolean;
  response: ResponseFilter | null;
  enrichUrl: CatalogTool["enrichUrl"];
  target: ToolTarget;
}

/** True when the tool asks for two-step confirmation. */
export function confirmGuardOf(tool: ServedTool): Extract<Guard, { type: "confirm" }> | undefined {
  return tool.guards.find((guard): guard is Extract<Guard, { type: "confirm" }> => guard.type === "confirm");
}
