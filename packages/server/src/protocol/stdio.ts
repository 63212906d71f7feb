import type { Readable, Writable } from "node:stream";
import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import type { McpServer } from "./mcp-server.js";

/**
 * Serves MCP over this process's stdin/stdout through the SDK's `serveStdio`: the opening message
 * picks the revision (`initialize` for 2025, `server/discover` or a `_meta`-carrying request for
 * 2026-07-28) and one server from `createServer` is pinned for the connection. Resolves `closed`
 * when the client closes the stream.
 */
export async function connectStdio(
  createServer: () => McpServer,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<{ closed: Promise<void> }> {
  const transport = new StdioServerTransport(input, output);
  const closed = new Promise<void>((resolve) => {
    const close = transport.close.bind(transport);
    transport.close = async () => {
      await close();
      resolve();
    };
    input.once("end", () => resolve());
  });
  serveStdio(() => createServer(), { transport });
  return { closed };
}
