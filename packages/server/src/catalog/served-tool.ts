import type { CatalogTool, Guard, OperationBinding, Scope } from "@toolwright/core";
import type { ToolContext } from "./tool-context.js";

/** Runs a hand-written tool; resolves to the result data. */
export type ToolHandler = (args: Record<string, unknown>, context: ToolContext) => unknown;

/** What a tool does when called: an upstream operation, or a hand-written handler. */
export type ToolTarget =
  | { kind: "upstream"; binding: OperationBinding }
  | { kind: "handler"; handler: ToolHandler };

/**
 * One tool as the server serves it, whether generated or hand-written: the catalog's fields, with
 * what it does when called (`target`) in place of the catalog's binding and source location.
 */
export interface ServedTool extends Omit<CatalogTool, "binding" | "source" | "scopes" | "guards"> {
  scopes: readonly Scope[];
  guards: readonly Guard[];
  target: ToolTarget;
}

/** True when the tool asks for two-step confirmation. */
export function confirmGuardOf(tool: ServedTool): Extract<Guard, { type: "confirm" }> | undefined {
  return tool.guards.find((guard): guard is Extract<Guard, { type: "confirm" }> => guard.type === "confirm");
}

/** Whether a tool advertises an output schema (confirm tools don't: their prepare step returns a different shape). */
export function advertisesOutputSchema(tool: ServedTool): boolean {
  return tool.outputSchema !== null && confirmGuardOf(tool) === undefined;
}
