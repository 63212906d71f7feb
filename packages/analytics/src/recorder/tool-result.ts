import { isRecord } from "./analytics-parameters.js";

/** How a tool call failed, if it did. */
export interface ToolOutcome {
  isError: boolean;
  errorType: "exception" | "tool_error" | undefined;
  errorMessage: string | undefined;
}

/** Reads success or failure from a thrown error or an MCP result with `isError`. */
export function toolOutcome(result: unknown, error: unknown): ToolOutcome {
  if (error !== undefined) {
    return { isError: true, errorType: "exception", errorMessage: errorMessageOf(error) };
  }
  if (isRecord(result) && result.isError === true) {
    return { isError: true, errorType: "tool_error", errorMessage: resultText(result) };
  }
  return { isError: false, errorType: undefined, errorMessage: undefined };
}

/** The message of anything thrown. */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isRecord(error) && typeof error.message === "string") return error.message;
  return String(error);
}

/** The name of anything thrown, for `$exception_list`. */
export function errorTypeOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function resultText(result: Record<string, unknown>): string | undefined {
  if (!Array.isArray(result.content)) return undefined;
  const texts = result.content
    .filter(
      (block): block is { type: "text"; text: string } => isRecord(block) && typeof block.text === "string",
    )
    .map((block) => block.text);
  return texts.length > 0 ? texts.join("\n") : undefined;
}
