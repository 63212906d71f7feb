/** A serialised result within the size cap, and whether anything was cut. */
export interface SizedResult {
  text: string;
  data: unknown;
  truncated: boolean;
}

function note(originalBytes: number, keptItems?: { kept: number; total: number }): string {
  const what = keptItems
    ? `showing the first ${keptItems.kept} of ${keptItems.total} results`
    : "the text above is cut off";
  return `\n\n[Truncated: the result was ${originalBytes} bytes, over this server's limit; ${what}. Narrow the request (filters, a smaller limit, fewer fields) to see the rest.]`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Drops trailing list items until the page fits, keeping the result valid JSON of the same shape. */
function fitList(data: { results: unknown[] }, maxBytes: number, size: number): SizedResult | undefined {
  let low = 0;
  let high = data.results.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (bytes(JSON.stringify({ ...data, results: data.results.slice(0, middle) })) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  if (low === 0) return undefined;
  const page = { ...data, results: data.results.slice(0, low) };
  return {
    text: JSON.stringify(page) + note(size, { kept: low, total: data.results.length }),
    data: page,
    truncated: true,
  };
}

/**
 * Serialises a result as compact JSON and caps its size. A list is cut item by item so it stays
 * valid JSON; anything else is cut as text. The note tells the agent how to get the rest.
 */
export function sizeResult(data: unknown, maxBytes: number): SizedResult {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so most results need no byte count at all.
  if (text.length * 3 <= maxBytes) return { text, data, truncated: false };
  const size = bytes(text);
  if (size <= maxBytes) return { text, data, truncated: false };
  const results = (data as { results?: unknown } | null)?.results;
  if (Array.isArray(results)) {
    const fitted = fitList(data as { results: unknown[] }, maxBytes, size);
    if (fitted) return fitted;
  }
  const cut = Buffer.from(text, "utf8")
    .subarray(0, maxBytes)
    .toString("utf8")
    .replace(/\uFFFD+$/, "");
  return { text: cut + note(size), data, truncated: true };
}
