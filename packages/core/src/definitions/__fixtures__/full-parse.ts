import { LineCounter, parseDocument } from "yaml";

/**
 * What the full YAML parser (YAML 1.2 core schema) reads, with each tool key's line: the reference the
 * fast definition readers must agree with. Test support, not shipped.
 */
export function fullParse(source: string): { data: unknown; toolLines: Record<string, number> } {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, uniqueKeys: true });
  const toolLines: Record<string, number> = {};
  const tools = document.get("tools", true) as {
    items?: Array<{ key: { value: unknown; range: number[] } }>;
  };
  for (const pair of tools?.items ?? []) {
    toolLines[String(pair.key.value)] = lines.linePos(pair.key.range[0] ?? 0).line;
  }
  return { data: document.toJS(), toolLines };
}
