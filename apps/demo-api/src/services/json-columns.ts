/** Parses a JSON column. */
export function json<Value>(text: string): Value {
  return JSON.parse(text) as Value;
}

/** The current time as stored (ISO 8601, UTC). */
export function now(): string {
  return new Date().toISOString();
}
