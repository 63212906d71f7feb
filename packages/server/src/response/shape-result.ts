import { isRecord } from "@toolwright/core/internal";
import type { Runtime } from "../calls/runtime.js";
import { type ToolResult, textResult } from "../calls/tool-result.js";
import { advertisesOutputSchema, type ServedTool } from "../catalog/served-tool.js";

import { compileLink } from "./enrich-url.js";
import { nextPageArguments } from "./next-page.js";
import { sizeResult } from "./result-size.js";
import { compileFilter, mapItems } from "./shape-response.js";
import { noContentResult, structuredResult } from "./structured-output.js";

/** Turns one call's upstream data into the tool's result. */
type ResultShaper = (args: Record<string, unknown>, data: unknown) => ToolResult;

/** What shaping needs from the server beside the tool. */
interface ShapingSettings {
  /** Base URL of the product's web app for `enrich_url` links. */
  appBaseUrl: string;
  maxResultBytes: number;
}

/**
 * Replaces a list page's `next` URL with `next_arguments`, the arguments of this tool that fetch the
 * following page (see `nextPageArguments`), when the tool can express that URL.
 */
function withNextPageArguments(tool: ServedTool, args: Record<string, unknown>, value: unknown): unknown {
  if (tool.target.kind !== "upstream" || !isRecord(value) || typeof value.next !== "string") return value;
  const nextArguments = nextPageArguments(value.next, tool.target.binding, tool.inputSchema, args);
  if (!nextArguments) return value;
  const { next: _next, ...rest } = value;
  return { ...rest, next_arguments: nextArguments };
}

/**
 * Compiles how a tool's results are shaped, once per tool: the response filter's paths and the link
 * template are parsed here, and each item is filtered and linked in one pass. A call then filters,
 * links, turns a `next` URL into `next_arguments` and caps the size.
 */
function compileResultShaper(tool: ServedTool, settings: ShapingSettings): ResultShaper {
  const structured = advertisesOutputSchema(tool);
  const filter = tool.response ? compileFilter(tool.response) : undefined;
  // A filter that includes, excludes or strips makes each item a new object per call, so links
  // can be set on it rather than copying it.
  const { response } = tool;
  const freshItems = Boolean(response && (response.include || response.exclude || response.strip_nulls));
  const link = tool.enrichUrl ? compileLink(tool.enrichUrl, settings.appBaseUrl, freshItems) : undefined;
  // `next` stays as it is for hand-written tools and for output schemas, whose shape it would change.
  const pagesOn = tool.list && tool.target.kind === "upstream" && !structured;
  return (args, data) => {
    if (data === null || data === undefined) {
      return structured ? noContentResult() : textResult("Done: the upstream answered with no content.");
    }
    let value: unknown = data;
    if (filter || link) {
      const each = (item: unknown): unknown => {
        const filtered = filter ? filter(item) : item;
        return link ? link(filtered, args) : filtered;
      };
      value = mapItems(value, tool.list, each);
    }
    if (pagesOn) value = withNextPageArguments(tool, args, value);
    const sized = sizeResult(value, settings.maxResultBytes);
    return structured ? structuredResult(tool, sized) : textResult(sized.text);
  };
}

// One shaper per tool and runtime, compiled on the tool's first call.
const shapers = new WeakMap<Runtime, WeakMap<ServedTool, ResultShaper>>();

/** Filters, links and size-caps upstream data into a tool result. */
export function shapeResult(
  runtime: Runtime,
  tool: ServedTool,
  args: Record<string, unknown>,
  data: unknown,
): ToolResult {
  const forRuntime = shapers.get(runtime) ?? new WeakMap<ServedTool, ResultShaper>();
  shapers.set(runtime, forRuntime);
  const shaper = forRuntime.get(tool) ?? compileResultShaper(tool, runtime);
  forRuntime.set(tool, shaper);
  return shaper(args, data);
}
