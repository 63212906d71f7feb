import { isRecord } from "@toolwright/core/internal";

import { classifyError, type ErrorKind } from "./error-kind.js";

/** How a tool call failed, if it did. */
export interface ToolOutcome {
  isError: boolean;
  /** The thrown error's name, or `Error` for an `isError` result (the reference SDK's format). */
  errorType: string | undefined;
  errorMessage: string | undefined;
  errorKind: ErrorKind | undefined;
  guardType: string | undefined;
}

const SUCCESS: ToolOutcome = {
  isError: false,
  errorType: undefined,
  errorMessage: undefined,
  errorKind: undefined,
  guardType: undefined,
};

/** Reads success or failure from a thrown error or an MCP result with `isError`. */
export function toolOutcome(result: unknown, error: unknown): ToolOutcome {
  if (error !== undefined) {
    const errorMessage = errorMessageOf(error);
    return {
      isError: true,
      errorType: errorTypeOf(error),
      errorMessage,
      errorKind: "exception",
      guardType: undefined,
    };
  }
  if (isRecord(result) && result.isError === true) {
    const errorMessage = resultText(result);
    const { kind, guardType } = classifyError(errorMessage, false);
    return { isError: true, errorType: "Error", errorMessage, errorKind: kind, guardType };
  }
  return SUCCESS;
}

/** The message of anything thrown. */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isRecord(error) && typeof error.message === "string") return error.message;
  return String(error);
}

/** The name of anything thrown, for `$exception_list`. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) return error.name;
  return typeof error === "string" ? "Error" : typeof error;
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
