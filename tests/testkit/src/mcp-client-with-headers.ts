import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/** How to connect: a bearer key (or none), query parameters and any extra request headers. */
export interface ClientConnection {
  key: string | null;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** An SDK client over Streamable HTTP that also sends extra headers (e.g. `x-toolwright-*`). */
export async function connectClientWithHeaders(
  mcpUrl: string,
  connection: ClientConnection,
): Promise<Client> {
  const url = new URL(mcpUrl);
  for (const [name, value] of Object.entries(connection.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { ...connection.headers };
  if (connection.key) headers.authorization = `Bearer ${connection.key}`;
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  const client = new Client({ name: "toolwright-e2e", version: "1.0.0" });
  await client.connect(transport);
  return client;
}
