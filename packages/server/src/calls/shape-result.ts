import { confirmGuardOf, type ServedTool } from "../catalog/served-tool.js";
import { addLink } from "../response/enrich-url.js";
import { sizeResult } from "../response/result-size.js";
import { filterValue, mapItems } from "../response/shape-response.js";
import { isRecord } from "../shared/is-record.js";
import type { Runtime } from "./runtime.js";
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
  if (data === null || data === undefined) return textResult("Done: the upstream answered with no content.");
  let value: unknown = data;
  const { response, enrichUrl } = tool;
  if (response) value = mapItems(value, tool.list, (item) => filterValue(item, response));
  if (enrichUrl)
    value = mapItems(value, tool.list, (item) => addLink(item, args, enrichUrl, runtime.appBaseUrl));
  const sized = sizeResult(value, runtime.maxResultBytes);
  const result = textResult(sized.text);
  if (advertisesOutputSchema(tool) && isRecord(sized.data)) result.structuredContent = sized.data;
  return result;
}
