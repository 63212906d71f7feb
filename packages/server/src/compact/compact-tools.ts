import { isRecord } from "@toolwright/core/internal";
import type { AdvertisedTool } from "../calls/advertised-tool.js";
import { advertise } from "../calls/advertised-tool.js";
import { callTool } from "../calls/call-tool.js";
import type { Runtime } from "../calls/runtime.js";
import type { Session } from "../calls/session.js";
import { errorResult, type ToolResult, textResult } from "../calls/tool-result.js";

import { callRefusal, visibleTools } from "../visibility/visible-tools.js";
import { CALL_TOOL_NAME } from "./compact-tool-unwrapper.js";

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** The three tools of compact mode: a large catalog costs the agent's context a few KB. */
export const COMPACT_TOOLS: readonly AdvertisedTool[] = [
  {
    name: CALL_TOOL_NAME,
    title: "Call a tool",
    description:
      "Calls one of your tools by name with its arguments (see describe-tool for the schema). Same scopes, guards and confirmation as calling it directly.",
    inputSchema: {
      type: "object",
      properties: {
        name: { type: "string", description: "The tool's name, from search-tools." },
        arguments: { type: "object", description: "The tool's arguments, per describe-tool." },
      },
      required: ["name"],
      additionalProperties: false,
    },
    annotations: {
      title: "Call a tool",
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: false,
    },
  },
  {
    name: "describe-tool",
    title: "Describe a tool",
    description: "Returns one tool's full description, input schema and annotations. Use before call-tool.",
    inputSchema: {
      type: "object",
      properties: { name: { type: "string", description: "The tool's name, from search-tools." } },
      required: ["name"],
      additionalProperties: false,
    },
    annotations: { title: "Describe a tool", ...readOnly },
  },
  {
    name: "search-tools",
    title: "Search tools",
    description:
      "Finds the tools available to you: returns names with one-line descriptions. Every word of the query must match the name, title or description; leave it out to list all.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "Words to look for, e.g. 'workflow run'." },
        limit: {
          type: "integer",
          minimum: 1,
          maximum: 200,
          description: "Most results to return; default 50.",
        },
      },
      additionalProperties: false,
    },
    annotations: { title: "Search tools", ...readOnly },
  },
];

function oneLine(description: string): string {
  const first = description.split(/\n|(?<=\.)\s/)[0]?.trim() ?? "";
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}

function argumentsOf(args: unknown): Record<string, unknown> {
  return isRecord(args) ? args : {};
}

async function search(
  runtime: Runtime,
  session: Session,
  args: Record<string, unknown>,
): Promise<ToolResult> {
  const words = String(args.query ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  const limit = typeof args.limit === "number" ? args.limit : 50;
  const tools = await visibleTools(runtime.catalog, session.caller.info, session.view, runtime.flags);
  const found = tools.filter((tool) => {
    const haystack = `${tool.name} ${tool.title} ${tool.description} ${tool.feature}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const lines = found.slice(0, limit).map((tool) => `${tool.name}: ${oneLine(tool.description)}`);
  const more = found.length > limit ? `\n(${found.length - limit} more; refine the query.)` : "";
  return textResult(
    found.length === 0 ? "No tools match. Try fewer or other words." : `${lines.join("\n")}${more}`,
  );
}

/** The same check as calling the tool: one catalog lookup, and only that tool's flag evaluated. */
async function describe(runtime: Runtime, session: Session, name: unknown): Promise<ToolResult> {
  const tool = typeof name === "string" ? runtime.catalog.get(name) : undefined;
  if (!tool || (await callRefusal(tool, session.caller.info, session.view, runtime.flags)) !== null)
    return errorResult(`No tool '${String(name)}' is available to you. Use search-tools to find one.`);
  return textResult(JSON.stringify({ ...advertise(tool), scopes: tool.scopes }));
}

/** Dispatches a compact-mode call; `call-tool` goes through the full call pipeline. */
export async function callCompactTool(
  runtime: Runtime,
  session: Session,
  name: string,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ToolResult> {
  if (name === "search-tools") return search(runtime, session, args);
  if (name === "describe-tool") return describe(runtime, session, args.name);
  if (name === CALL_TOOL_NAME) {
    if (typeof args.name !== "string")
      return errorResult("call-tool needs 'name': a tool name from search-tools.");
    return callTool(runtime, session, args.name, argumentsOf(args.arguments), signal);
  }
  return errorResult(
    `Unknown tool '${name}'. In compact mode the tools are search-tools, describe-tool and call-tool.`,
  );
}
