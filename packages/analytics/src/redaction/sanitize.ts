import { REDACTED, redactString } from "./secret-patterns.js";
import { isSensitiveKey } from "./sensitive-keys.js";

/** Limits applied while copying a value into an event. */
export interface SanitizeLimits {
  /** Longest string kept, in characters; longer ones end with a truncation marker. */
  maxStringLength: number;
  /** Deepest nesting kept; deeper values become a marker. */
  maxDepth: number;
  /** Most keys of an object or items of an array kept; the rest are counted in a marker. */
  maxBreadth: number;
}

/** Defaults: generous enough to debug a call, small enough to keep events cheap. */
export const DEFAULT_SANITIZE_LIMITS: SanitizeLimits = {
  maxStringLength: 4000,
  maxDepth: 10,
  maxBreadth: 100,
};

/** What `sanitize` needs besides the limits. */
export interface SanitizeOptions extends SanitizeLimits {
  /** Exact secrets (e.g. upstream API keys the server holds) that must never appear. */
  secrets: readonly string[];
}

/** A JSON value: what every sanitized value is. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const BINARY_CONTENT_TYPES = new Set(["image", "audio", "video"]);

/**
 * Copies any value into a JSON value with secrets redacted and strings, depth and breadth bounded.
 * Handles cycles, errors, binary buffers, MCP image/audio content and resource blobs.
 */
export function sanitize(value: unknown, options: SanitizeOptions): JsonValue {
  return walk(value, options, 0, new WeakSet());
}

function walk(value: unknown, options: SanitizeOptions, depth: number, seen: WeakSet<object>): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return sanitizeString(value, options);
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "object":
      return walkObject(value, options, depth, seen);
    default:
      return null;
  }
}

/** Redacts, then truncates; a pre-cap keeps regex work bounded on huge strings. */
export function sanitizeString(value: string, options: SanitizeOptions): string {
  const preCap = options.maxStringLength * 4 + 1024;
  const bounded = value.length > preCap ? value.slice(0, preCap) : value;
  const redacted = redactString(bounded, options.secrets);
  if (redacted.length <= options.maxStringLength && bounded.length === value.length) return redacted;
  const kept = redacted.slice(0, options.maxStringLength);
  return `${kept}…[truncated ${value.length - kept.length} chars]`;
}

function walkObject(
  value: object,
  options: SanitizeOptions,
  depth: number,
  seen: WeakSet<object>,
): JsonValue {
  const binary = binaryDescription(value);
  if (binary !== undefined) return binary;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return "[circular]";
  if (depth >= options.maxDepth) return "[truncated: too deep]";
  seen.add(value);
  try {
    if (value instanceof Error) return walkError(value, options, depth, seen);
    if (Array.isArray(value) || value instanceof Set) return walkArray([...value], options, depth, seen);
    if (value instanceof Map) return walkEntries([...value.entries()], options, depth, seen);
    return walkEntries(Object.entries(value), options, depth, seen, value);
  } finally {
    seen.delete(value);
  }
}

function binaryDescription(value: object): string | undefined {
  if (value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
  if (ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
  return undefined;
}

function walkError(error: Error, options: SanitizeOptions, depth: number, seen: WeakSet<object>): JsonValue {
  const entries: [string, unknown][] = [
    ["name", error.name],
    ["message", error.message],
  ];
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) entries.push(["code", code]);
  return walkEntries(entries, options, depth, seen);
}

function walkArray(
  items: unknown[],
  options: SanitizeOptions,
  depth: number,
  seen: WeakSet<object>,
): JsonValue {
  const kept = items.slice(0, options.maxBreadth).map((item) => walk(item, options, depth + 1, seen));
  if (items.length > options.maxBreadth)
    kept.push(`[truncated: ${items.length - options.maxBreadth} more items]`);
  return kept;
}

function walkEntries(
  entries: [unknown, unknown][],
  options: SanitizeOptions,
  depth: number,
  seen: WeakSet<object>,
  source?: object,
): JsonValue {
  const result: Record<string, JsonValue> = {};
  const binaryContent = source !== undefined && isBinaryContent(source);
  let count = 0;
  for (const [rawKey, item] of entries) {
    if (typeof item === "function" || typeof item === "symbol" || item === undefined) continue;
    if (count === options.maxBreadth) {
      result["[truncated]"] = `${entries.length - count} more keys`;
      break;
    }
    const key = sanitizeString(String(rawKey), options);
    result[key] = sanitizeEntry(key, item, binaryContent, options, depth, seen);
    count++;
  }
  return result;
}

function sanitizeEntry(
  key: string,
  item: unknown,
  binaryContent: boolean,
  options: SanitizeOptions,
  depth: number,
  seen: WeakSet<object>,
): JsonValue {
  if (isSensitiveKey(key) && item !== null && typeof item !== "number" && typeof item !== "boolean") {
    return REDACTED;
  }
  if (typeof item === "string" && ((binaryContent && key === "data") || key === "blob")) {
    return `[binary ${item.length} chars base64]`;
  }
  return walk(item, options, depth + 1, seen);
}

// MCP image/audio content carries base64 in `data`; it is never useful in analytics.
function isBinaryContent(value: object): boolean {
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && BINARY_CONTENT_TYPES.has(type);
}
