/** A request body read up to a limit. */
export type LimitedBody =
  | { ok: true; text: string }
  /**
   * Over the limit. `drained` says whether the rest of the body was read and discarded, which leaves
   * the connection ready for the client's next request; otherwise the connection must be closed.
   */
  | { ok: false; drained: boolean };

/** How much of an oversized body is read and thrown away to keep its connection usable, by default. */
const DEFAULT_DRAIN_BYTES = 4_000_000;

/**
 * Reads a request body up to `limit` bytes. A larger body is read on and discarded up to `drainLimit`
 * bytes in all, so that a keep-alive connection stays in step (cancelling the stream would destroy the
 * socket under @hono/node-server while the 413 is on its way). A body declared, or found, larger than
 * that is left unread: the caller answers with `Connection: close`.
 */
export async function readLimitedBody(
  request: Request,
  limit: number,
  drainLimit = Math.max(DEFAULT_DRAIN_BYTES, limit),
): Promise<LimitedBody> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > drainLimit) return { ok: false, drained: false };
  // A declared length within the limit bounds the body (HTTP/1.1 parsers stop there), so it is read
  // whole; under @hono/node-server that reads the socket directly, without a web stream per request.
  if (declared <= limit) return { ok: true, text: await request.text() };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > drainLimit) {
      // Stop reading without cancelling: the runtime closes the connection after the response.
      reader.releaseLock();
      return { ok: false, drained: false };
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) return { ok: false, drained: true };
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
