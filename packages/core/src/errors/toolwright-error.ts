const BRAND = Symbol.for("toolwright.error");

/**
 * The codes @toolwright/core itself raises. Every other package declares its own codes (server's
 * `ServerErrorCode`, codegen's `CodegenErrorCode`, analytics' `AnalyticsErrorCode`) on this same class,
 * so a new code there needs no core release; `isToolwrightError` recognises them all.
 */
export type CoreErrorCode =
  | "invalid_definition"
  | "invalid_scope"
  | "invalid_catalog"
  | "invalid_config"
  | "guard_rejected";

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

/**
 * The error class of every Toolwright package: a literal `code` (declared by the package that raises
 * it), a message a user can act on, and `cause`.
 */
export class ToolwrightError<Code extends string = string> extends Error {
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

/**
 * A package's constructor for its own error codes: `new ToolwrightError`, restricted at compile time to
 * the `Codes` that package declares, so a code no package owns does not typecheck.
 */
export function errorFactory<Codes extends string>(): <Code extends Codes>(
  code: Code,
  message: string,
  options?: ToolwrightErrorOptions,
) => ToolwrightError<Code> {
  return (code, message, options) => new ToolwrightError(code, message, options);
}

/** Constructs the errors core itself raises. */
export const coreError = errorFactory<CoreErrorCode>();
