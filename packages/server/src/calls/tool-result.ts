/** An MCP tool result, kept free of SDK types so the protocol layer stays in one folder. */
export interface ToolResult {
  content: Array<{ type: "text"; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A failed call: the message says what happened and what to do. */
export function errorResult(message: string): ToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/** A successful call with text only. */
export function textResult(text: string): ToolResult {
  return { content: [{ type: "text", text }] };
}
