import { expect } from "vitest";

// A V8 stack frame ("    at fn (file.ts:1:2)") or a path into node_modules must never reach a client.
const STACK_TRACE = /\n\s+at .+:\d+:\d+|node_modules|\.ts:\d+:\d+/;

/** One JSON-RPC 2.0 response: a result, or an error with an integer code and a message. */
export function expectJsonRpcResponse(message: unknown, context: string): void {
  expect(typeof message === "object" && message !== null && !Array.isArray(message), context).toBe(true);
  const response = message as Record<string, unknown>;
  expect(response.jsonrpc, context).toBe("2.0");
  expect("id" in response, context).toBe(true);
  if ("error" in response) {
    const error = response.error as Record<string, unknown>;
    expect(Number.isInteger(error.code), context).toBe(true);
    expect(typeof error.message, context).toBe("string");
    return;
  }
  expect(typeof response.result === "object" && response.result !== null, context).toBe(true);
  const result = response.result as Record<string, unknown>;
  if ("content" in result) expect(Array.isArray(result.content), context).toBe(true);
}

/**
 * An HTTP reply to any POST /mcp: never 5xx, never a stack trace; a body, when there is one, is JSON-RPC
 * (one response or a batch of them).
 */
export function expectWellFormedHttpReply(status: number, text: string, context: string): void {
  expect(status, `${context} → ${status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(STACK_TRACE.test(text), `${context} leaked a stack trace: ${text.slice(0, 300)}`).toBe(false);
  if (text.trim() === "") {
    expect(status === 202 || status === 200 || status >= 400, context).toBe(true);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${context}: reply is not JSON (${status}): ${text.slice(0, 300)}`);
  }
  for (const message of Array.isArray(body) ? body : [body]) expectJsonRpcResponse(message, context);
}

/** True when the text carries something that looks like a stack trace. */
export function hasStackTrace(text: string): boolean {
  return STACK_TRACE.test(text);
}
