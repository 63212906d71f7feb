import { readdirSync, readFileSync } from "node:fs";
import { type Guard, parseDefinitionFile, toolGuards } from "@toolwright/core";
import type { AnyRoute } from "../routes/route.js";

/** The demo's MCP definitions, shipped beside `src/` and `dist/` (the package's `files` include `mcp`). */
const MCP_FOLDER = new URL("../../mcp/", import.meta.url);

/**
 * The guards the API enforces for each operation, read from the same `mcp/*.yaml` the MCP server serves:
 * one declaration, two enforcers. Every tool counts, disabled ones too (a disabled tool still declares
 * its operation's rules). `confirm` stays with the MCP server: a confirmation token is an agent-facing
 * step, not an API rule. Tools bound to one operation must declare the same guards.
 */
export function declaredGuardsByOperation(folder: URL = MCP_FOLDER): Map<string, readonly Guard[]> {
  const byOperation = new Map<string, { tool: string; guards: readonly Guard[] }>();
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .sort()) {
    const definition = parseDefinitionFile(readFileSync(new URL(file, folder), "utf8"), file);
    for (const [name, tool] of Object.entries(definition.tools)) {
      const guards = toolGuards(tool).filter((guard) => guard.type !== "confirm");
      const seen = byOperation.get(tool.operation);
      if (seen && JSON.stringify(seen.guards) !== JSON.stringify(guards)) {
        throw new Error(
          `${file}: tool '${name}' declares other guards for operation '${tool.operation}' than tool '${seen.tool}'; the API enforces one set per operation`,
        );
      }
      if (!seen) byOperation.set(tool.operation, { tool: name, guards });
    }
  }
  return new Map(
    [...byOperation]
      .filter(([, entry]) => entry.guards.length > 0)
      .map(([operation, entry]) => [operation, entry.guards]),
  );
}

/** The route table with each operation's declared guards attached, in their declared order. */
export function withDeclaredGuards(
  routes: readonly AnyRoute[],
  guards: ReadonlyMap<string, readonly Guard[]> = declaredGuardsByOperation(),
): AnyRoute[] {
  const known = new Set(routes.map((route) => route.operationId));
  for (const operation of guards.keys()) {
    if (!known.has(operation))
      throw new Error(`mcp/*.yaml declares guards for unknown operation '${operation}'`);
  }
  return routes.map((route) => {
    const declared = guards.get(route.operationId);
    return declared ? { ...route, guards: declared } : route;
  });
}
