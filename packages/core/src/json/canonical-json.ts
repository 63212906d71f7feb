/** JSON with object keys sorted at every depth: equal values always give equal text. */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

/** A deep copy of plain JSON data with object keys sorted. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined)
      Object.defineProperty(sorted, key, {
        value: sortKeys(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return sorted;
}
