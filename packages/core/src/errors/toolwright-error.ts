const BRAND = Symbol.for("toolwright.error");

/** Every failure code a Toolwright package raises; each names one thing a user can act on. */
export type ToolwrightErrorCode =
  | "invalid_definition"
  | "invalid_scope"
  | "invalid_guard"
  | "invalid_catalog"
  | "invalid_config"
  | "invalid_spec"
  | "invalid_arguments"
  | "insufficient_scope"
  | "guard_rejected"
  | "confirmation_invalid"
  | "unknown_tool"
  | "upstream_error"
  | "state_unavailable"
  | "internal_error";

/** Where a problem sits, so a message can name the file, tool, key and line. */
export interface ErrorLocation {
  file?: string;
  tool?: string;
  key?: string;
  line?: number;
}

export interface ToolwrightErrorOptions extends ErrorLocation {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/** The one error class of Toolwright: a literal `code`, a message a user can act on, and `cause`. */
export class ToolwrightError<Code extends ToolwrightErrorCode = ToolwrightErrorCode> extends Error {
  readonly [BRAND] = true;
  readonly code: Code;
  readonly location: ErrorLocation;
  readonly details: Record<string, unknown>;

  constructor(code: Code, message: string, options: ToolwrightErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ToolwrightError";
    this.code = code;
    const { cause: _cause, details, ...location } = options;
    this.location = location;
    this.details = details ?? {};
  }
}

/** True for a ToolwrightError from any copy of this package (checked by brand, not `instanceof`). */
export function isToolwrightError(value: unknown): value is ToolwrightError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Renders a location as `file, tool 'x', key 'y', line n` for messages. */
export function formatLocation(location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.line ? `${location.file}:${location.line}` : location.file);
  if (location.tool) parts.push(`tool '${location.tool}'`);
  if (location.key) parts.push(`key '${location.key}'`);
  return parts.join(", ");
}
