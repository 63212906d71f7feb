import { readFileSync } from "node:fs";

/** One tool as openapi-mcp-generator's generated server defines it. */
export interface PeerTool {
  name: string;
  description: string;
  inputSchema: { type?: string; properties?: Record<string, unknown> };
  method: string;
  pathTemplate: string;
  requestBodyContentType?: string;
}

/**
 * Reads the tool map out of openapi-mcp-generator's generated `src/index.ts`: the map literal is
 * plain JavaScript (objects, template strings), so it is evaluated on its own, without the server.
 */
export function readPeerTools(indexFile: string): PeerTool[] {
  const source = readFileSync(indexFile, "utf8");
  const start = source.indexOf("new Map([");
  const end = source.indexOf("\n]);", start);
  if (start < 0 || end < 0) throw new Error(`no tool map found in ${indexFile}`);
  const map = new Function(`return ${source.slice(start, end + 3)}`)() as Map<string, PeerTool>;
  return [...map.values()];
}

/** What the peer's `tools/list` handler returns for each tool. */
export function peerListed(tool: PeerTool): Record<string, unknown> {
  return { name: tool.name, description: tool.description, inputSchema: tool.inputSchema };
}
