import type { CatalogTool } from "@toolwright/core";

/** The size of one tool's entry in a `tools/list` response. */
export interface ToolSize {
  name: string;
  bytes: number;
  /** Estimated as bytes / 4 (a common rule of thumb for English and JSON; no tokenizer is run). */
  tokens: number;
}

/**
 * The fields of a tool that `tools/list` carries, as `@toolwright/server` sends them (its
 * `advertise`; tests/e2e checks the two agree): the title once, at the top level (not again as
 * `annotations.title`), and the output schema when the tool has one and no confirm guard (a
 * confirm tool's first answer is a summary, not the API's object).
 */
export function listedTool(tool: CatalogTool): Record<string, unknown> {
  const listed: Record<string, unknown> = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations,
  };
  if (tool.outputSchema && !tool.guards.some((guard) => guard.type === "confirm")) {
    listed.outputSchema = tool.outputSchema;
  }
  return listed;
}

/** Bytes (compact UTF-8 JSON, as on the wire) and estimated tokens of one tool's `tools/list` entry. */
export function toolSize(tool: CatalogTool): ToolSize {
  const bytes = Buffer.byteLength(JSON.stringify(listedTool(tool)), "utf8");
  return { name: tool.name, bytes, tokens: Math.ceil(bytes / 4) };
}

/** Sizes of every tool and of the whole `tools/list` result (`{"tools":[...]}`). */
export function toolListSize(tools: readonly CatalogTool[]): {
  tools: ToolSize[];
  totalBytes: number;
  totalTokens: number;
} {
  const sizes = tools.map(toolSize);
  const totalBytes = Buffer.byteLength(JSON.stringify({ tools: tools.map(listedTool) }), "utf8");
  return { tools: sizes, totalBytes, totalTokens: Math.ceil(totalBytes / 4) };
}
