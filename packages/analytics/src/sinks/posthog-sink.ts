import { once } from "node:events";
import { createGzip } from "node:zlib";
import { ToolwrightError } from "@toolwright/core";
import { analyticsError } from "../analytics-error.js";
import type { AnalyticsEvent } from "../events/analytics-event.js";
import { stringifyEach } from "../queue/loop-slices.js";
import { httpPost } from "./http-post.js";
import type { Sink } from "./sink.js";

// Text handed to the compressor at a time: a slice of main-thread work, compressed on the thread pool.
const GZIP_CHUNK_CHARS = 64 * 1024;

/**
 * The batch body `JSON.stringify({ api_key, batch, sent_at })` would give, as pieces: each event is
 * serialised on its own (paced, so a batch of large events never holds the loop for long).
 */
async function bodyPieces(apiKey: string, events: AnalyticsEvent[], sentAt: string): Promise<string[]> {
  const parts = await stringifyEach(events);
  const pieces = [`{"api_key":${JSON.stringify(apiKey)},"batch":[`];
  for (const [index, part] of parts.entries()) pieces.push(index === 0 ? part : `,${part}`);
  pieces.push(`],"sent_at":${JSON.stringify(sentAt)}}`);
  return pieces;
}

/** Gzips the pieces at level 1, handing them to zlib a chunk at a time and waiting for it between. */
async function gzipPieces(pieces: string[]): Promise<Buffer> {
  const gzip = createGzip({ level: 1 });
  const output: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => output.push(chunk));
  const ended = once(gzip, "end");
  // A zlib error also rejects a pending "drain" wait, which then ends this function first.
  ended.catch(() => undefined);
  let pending = "";
  for (const piece of pieces) {
    pending += piece;
    if (pending.length < GZIP_CHUNK_CHARS) continue;
    const more = gzip.write(pending);
    pending = "";
    if (!more) await once(gzip, "drain");
  }
  gzip.end(pending);
  await ended;
  return Buffer.concat(output);
}

/** Options of the PostHog sink. */
export interface PostHogSinkOptions {
  /** The project API key (`phc_...`), sent in the batch body as PostHog expects. */
  apiKey: string;
  /** Ingestion host; defaults to `https://us.i.posthog.com`. */
  host?: string;
  /** Compress bodies with gzip (default true). */
  gzip?: boolean;
  /** Attempts after the first for network errors, 408, 429 and 5xx (default 3). */
  maxRetries?: number;
  /** First backoff delay in milliseconds, doubled per attempt with jitter (default 500). */
  retryDelayMs?: number;
  /** Per-request timeout in milliseconds (default 10000). */
  timeoutMs?: number;
  /** A fetch to send with (e.g. behind a proxy); by default node:http(s) with kept-alive connections. */
  fetch?: typeof fetch;
}

/** The PostHog US cloud ingestion host. */
export const DEFAULT_POSTHOG_HOST = "https://us.i.posthog.com";

class RetryableStatusError extends Error {}

/**
 * Creates a sink that posts each batch to PostHog's `/batch/` endpoint, gzip-compressed, retrying
 * transient failures with exponential backoff; `flush()` and `shutdown()` wait for requests in flight.
 */
export function createPostHogSink(options: PostHogSinkOptions): Sink {
  if (!options.apiKey) {
    throw analyticsError(
      "invalid_config",
      "createPostHogSink needs `apiKey` (your PostHog project API key).",
    );
  }
  const url = new URL("/batch/", options.host ?? DEFAULT_POSTHOG_HOST);
  const inFlight = new Set<Promise<void>>();
  const send = async (events: AnalyticsEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const pieces = await bodyPieces(options.apiKey, events, new Date().toISOString());
    // The fastest level: JSON compresses well even so, and CPU is what analytics must spare.
    const payload = options.gzip === false ? Buffer.from(pieces.join("")) : await gzipPieces(pieces);
    await postWithRetries(url, payload, options);
  };
  const waitForInFlight = async (): Promise<void> => {
    await Promise.allSettled([...inFlight]);
  };
  return {
    send(events) {
      const request = send(events);
      inFlight.add(request);
      const forget = () => inFlight.delete(request);
      request.then(forget, forget);
      return request;
    },
    flush: waitForInFlight,
    shutdown: waitForInFlight,
  };
}

async function postWithRetries(url: URL, payload: Buffer, options: PostHogSinkOptions): Promise<void> {
  const maxRetries = options.maxRetries ?? 3;
  const baseDelay = options.retryDelayMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    try {
      await post(url, payload, options);
      return;
    } catch (error) {
      const retryable = error instanceof RetryableStatusError || !(error instanceof ToolwrightError);
      if (!retryable || attempt >= maxRetries) throw error;
      await sleep(baseDelay * 2 ** attempt * (0.75 + Math.random() * 0.5));
    }
  }
}

async function post(url: URL, payload: Buffer, options: PostHogSinkOptions): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.gzip !== false) headers["content-encoding"] = "gzip";
  const timeoutMs = options.timeoutMs ?? 10_000;
  const status = options.fetch
    ? await postWithFetch(options.fetch, url, payload, headers, timeoutMs)
    : await httpPost(url, payload, headers, timeoutMs);
  if (status >= 200 && status < 300) return;
  const message = `PostHog batch request failed with HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    throw new RetryableStatusError(message);
  }
  throw analyticsError("upstream_error", `${message}; check the API key and host.`);
}

async function postWithFetch(
  fetchFunction: typeof fetch,
  url: URL,
  body: Buffer,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<number> {
  const response = await fetchFunction(url, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
