import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { McpServer } from "./mcp-server.js";

/** Connects a server to this process's stdin/stdout; resolves when the client closes the stream. */
export async function connectStdio(
  server: McpServer,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<{ closed: Promise<void> }> {
  const transport = new StdioServerTransport(input, output);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    input.once("end", () => resolve());
  });
  await server.connect(transport);
  return { closed };
}
