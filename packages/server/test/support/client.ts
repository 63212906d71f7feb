import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/** Connects the SDK's own client over Streamable HTTP with a key and optional query or headers. */
export async function connectHttp(
  url: string,
  key: string | undefined,
  options: { query?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const endpoint = new URL(url);
  for (const [name, value] of Object.entries(options.query ?? {})) endpoint.searchParams.set(name, value);
  const headers: Record<string, string> = { ...options.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  const client = new Client({ name: "toolwright-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers } }));
  return client;
}

/** The text of a tool result's first content item. */
export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.map((item) => item.text ?? "").join("\n");
}

/** The parsed JSON of a tool result's text. */
export function jsonOf(result: unknown): unknown {
  return JSON.parse(textOf(result));
}
