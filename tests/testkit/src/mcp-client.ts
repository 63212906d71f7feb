import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** An SDK client connected over Streamable HTTP with a bearer key (and optional query narrowing). */
export async function connectClient(
  mcpUrl: string,
  key: string | null,
  query: Record<string, string> = {},
): Promise<Client> {
  const url = new URL(mcpUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: key ? { authorization: `Bearer ${key}` } : {} },
  });
  const client = new Client({ name: "toolwright-tests", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

/** The text of a tool result's first content item. */
export function resultText(result: CallToolResult | Record<string, unknown>): string {
  const content = (result as CallToolResult).content ?? [];
  const first = content[0];
  return first && first.type === "text" ? first.text : "";
}

/** A tool result's text parsed as JSON. */
export function resultJson<T = unknown>(result: CallToolResult | Record<string, unknown>): T {
  return JSON.parse(resultText(result)) as T;
}

/** Calls a tool and returns the result typed as a CallToolResult. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}
