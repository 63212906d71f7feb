import { confirmGuardOf, type ServedTool } from "../catalog/served-tool.js";
import { addLink } from "../response/enrich-url.js";
import { nextPageArguments } from "../response/next-page.js";
import { sizeResult } from "../response/result-size.js";
import { filterValue, mapItems } from "../response/shape-response.js";
import { isRecord } from "../shared/is-record.js";
import type { Runtime } from "./runtime.js";
import { noContentResult, structuredResult } from "./structured-output.js";
import { type ToolResult, textResult } from "./tool-result.js";

/** Whether a tool advertises an output schema (confirm tools don't: their prepare step returns a different shape). */
export function advertisesOutputSchema(tool: ServedTool): boolean {
  return tool.outputSchema !== null && confirmGuardOf(tool) === undefined;
}

/** Filters, links and size-caps upstream data into a tool result. */
export function shapeResult(
  runtime: Runtime,
  tool: ServedTool,
  args: Record<string, unknown>,
  data: unknown,
): ToolResult {
  if (data === null || data === undefined) {
    return advertisesOutputSchema(tool)
      ? noContentResult()
      : textResult("Done: the upstream answered with no content.");
  }
  let value: unknown = data;
  const { response, enrichUrl } = tool;
  if (response) value = mapItems(value, tool.list, (item) => filterValue(item, response));
  if (enrichUrl)
    value = mapItems(value, tool.list, (item) => addLink(item, args, enrichUrl, runtime.appBaseUrl));
  value = withNextPageArguments(tool, args, value);
  const sized = sizeResult(value, runtime.maxResultBytes);
  return advertisesOutputSchema(tool) ? structuredResult(tool, sized) : textResult(sized.text);
}

/**
 * Replaces a list page's `next` URL with `next_arguments`, the arguments of this tool that fetch the
 * following page (see `nextPageArguments`). Kept as it is for hand-written tools, tools with an
 * output schema (whose shape it would change), and URLs this tool cannot express.
 */
function withNextPageArguments(tool: ServedTool, args: Record<string, unknown>, value: unknown): unknown {
  if (!tool.list || tool.target.kind !== "upstream" || advertisesOutputSchema(tool)) return value;
  if (!isRecord(value) || typeof value.next !== "string") return value;
  const nextArguments = nextPageArguments(value.next, tool.target.binding, tool.inputSchema, args);
  if (!nextArguments) return value;
  const { next: _next, ...rest } = value;
  return { ...rest, next_arguments: nextArguments };
}
