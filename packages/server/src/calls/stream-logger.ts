import { redactSecrets } from "@toolwright/core/internal";
import type { Logger } from "./runtime.js";

/** Where log lines go: `process.stderr` by default, anything with a `write` in tests. */
export interface LogStream {
  write(text: string): unknown;
}

/**
 * A logger writing `[toolwright] ...` lines. Every line goes through `redactSecrets`, because an
 * error thrown by a handler or fetch may quote a key or an authorization header.
 */
export function createStreamLogger(stream: LogStream, options: { debug?: boolean } = {}): Logger {
  const line = (text: string) => stream.write(`[toolwright] ${redactSecrets(text)}\n`);
  return {
    warn: (message) => line(message),
    error: (message, error) => line(`${message}${error instanceof Error ? `: ${error.message}` : ""}`),
    ...(options.debug ? { debug: (message: string) => line(message) } : {}),
  };
}

/** The default logger: stderr, with debug lines when `TOOLWRIGHT_LOG_LEVEL=debug`. */
export function createStderrLogger(): Logger {
  return createStreamLogger(process.stderr, { debug: process.env.TOOLWRIGHT_LOG_LEVEL === "debug" });
}
