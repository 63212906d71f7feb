import { inspect } from "node:util";

/** A server logger that keeps every line (with the error's full inspection) for assertions. */
export function capturedLogger(): {
  lines: string[];
  warn(message: string): void;
  error(message: string, error?: unknown): void;
} {
  const lines: string[] = [];
  return {
    lines,
    warn: (message) => void lines.push(`warn ${message}`),
    error: (message, error) =>
      void lines.push(`error ${message}${error === undefined ? "" : ` ${inspect(error, { depth: 5 })}`}`),
  };
}
