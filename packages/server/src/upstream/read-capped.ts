import type { UpstreamResponse } from "./http-exchange.js";

/** A response body read up to a byte limit. */
export type CappedBody =
  | { complete: true; text: string }
  /**
   * The body went past the limit: reading stopped there and the rest was never buffered. `text` is
   * the part read, decoded only when asked for (`keepPartial`), else empty.
   */
  | { complete: false; text: string; declaredBytes: number | null };

function declaredLength(response: UpstreamResponse): number | null {
  const value = Number(response.header("content-length") ?? Number.NaN);
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads at most `limit` bytes of a response body as UTF-8. A body declared or found larger is cut at
 * the limit and its stream cancelled, so an upstream cannot make the server hold (or parse) more
 * than `limit` bytes per call. Errors while reading (a connection cut mid-body) propagate.
 */
export async function readCapped(
  response: UpstreamResponse,
  limit: number,
  options: { keepPartial?: boolean } = {},
): Promise<CappedBody> {
  const declared = declaredLength(response);
  if (!response.body) return { complete: true, text: "" };
  if (declared !== null && declared > limit) {
    await response.cancel();
    return { complete: false, text: "", declaredBytes: declared };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const value of response.body) {
    const room = limit - size;
    if (value.byteLength > room) {
      await response.cancel();
      if (!options.keepPartial) return { complete: false, text: "", declaredBytes: declared };
      chunks.push(value.subarray(0, room));
      return { complete: false, text: Buffer.concat(chunks).toString("utf8"), declaredBytes: declared };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return {
    complete: true,
    text:
      chunks.length === 1
        ? Buffer.from(chunks[0] as Uint8Array).toString("utf8")
        : Buffer.concat(chunks).toString("utf8"),
  };
}
