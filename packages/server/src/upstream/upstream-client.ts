import { redactSecrets } from "@toolwright/core/internal";
import type { UpstreamHttpRequest } from "./build-request.js";
import { fetchExchange, type HttpExchange, pooledExchange, type UpstreamResponse } from "./http-exchange.js";
import { readCapped } from "./read-capped.js";
import { retryAfterMs } from "./retry-after.js";
import type { UpstreamFailure } from "./upstream-failure.js";

/** The parsed result of an upstream call, or why there is none. */
export type UpstreamOutcome =
  | { ok: true; status: number; data: unknown }
  | { ok: false; failure: UpstreamFailure };

/** Settings shared by every upstream call. */
export interface UpstreamClientOptions {
  /** Default 10 000 ms, for the whole call: headers and body. */
  timeoutMs?: number;
  /** Largest upstream answer read; a larger one ends the call with a failure. Default 5 000 000 bytes. */
  maxResponseBytes?: number;
  /** Sends the requests through this `fetch` (e.g. to record or rewrite them); default: a keep-alive pool. */
  fetch?: typeof fetch;
}

/** Default cap on an upstream answer: far above the result cap, far below what could exhaust memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5_000_000;

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const IDEMPOTENT_READS = new Set(["GET", "HEAD"]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_SAME_ORIGIN_REDIRECTS = 3;
/** How much of an error body is read: enough for any explanation, too little to cost CPU. */
const ERROR_BODY_BYTES = 16_384;
const DETAIL_LIMIT = 500;

/** The system or undici error code: on the error itself (pool) or its cause (`fetch`). */
function errorCode(error: unknown): string | null {
  const direct = (error as { code?: unknown } | null)?.code;
  if (typeof direct === "string") return direct;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === "string" ? cause.code : null;
}

function explanationOf(text: string, complete: boolean): unknown {
  if (!complete) return text.trim();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested = body.error as Record<string, unknown> | string | undefined;
    return (
      body.detail ??
      body.message ??
      (typeof nested === "object" ? nested?.message : nested) ??
      body.title ??
      text.trim()
    );
  } catch {
    return text.trim();
  }
}

/**
 * The upstream's own explanation from an error body: common JSON fields, else the text itself. It is
 * cut first (so redaction never scans megabytes), dropping the word at the cut so that no partial key
 * survives unrecognised, then redacted (some upstreams echo the Authorization header), then cut to size.
 */
function errorDetail(text: string, complete: boolean, key: string | undefined): string | null {
  const detail = explanationOf(text, complete);
  const whole = typeof detail === "string" ? detail : JSON.stringify(detail);
  if (!whole) return null;
  const cutEarly = !complete || whole.length > DETAIL_LIMIT * 2;
  const head = cutEarly
    ? whole
        .slice(0, DETAIL_LIMIT * 2)
        .replace(/\S*$/, "")
        .trimEnd()
    : whole;
  if (!head) return null;
  const flat = redactSecrets(head, [key]);
  return flat.length > DETAIL_LIMIT || head !== whole ? `${flat.slice(0, DETAIL_LIMIT).trimEnd()}…` : flat;
}

async function parseBody(
  response: UpstreamResponse,
  key: string | undefined,
  limit: number,
): Promise<UpstreamOutcome> {
  if (response.status < 200 || response.status > 299) {
    const body = await readCapped(response, ERROR_BODY_BYTES, { keepPartial: true });
    const detail = errorDetail(body.text, body.complete, key);
    const failure = { kind: "http", status: response.status, detail } as const;
    const retryAfter = retryAfterMs(response.header("retry-after"));
    return { ok: false, failure: retryAfter === null ? failure : { ...failure, retryAfterMs: retryAfter } };
  }
  const body = await readCapped(response, limit);
  if (!body.complete) {
    return {
      ok: false,
      failure: {
        kind: "too_large",
        status: response.status,
        limitBytes: limit,
        declaredBytes: body.declaredBytes,
      },
    };
  }
  const text = body.text;
  if (text.trim() === "") return { ok: true, status: response.status, data: null };
  const contentType = response.header("content-type");
  try {
    return { ok: true, status: response.status, data: JSON.parse(text) };
  } catch {
    if (contentType?.startsWith("text/plain")) return { ok: true, status: response.status, data: text };
    return { ok: false, failure: { kind: "invalid_json", status: response.status, contentType } };
  }
}

/** Where a redirect pointed, without its query (which may carry credentials). */
function redirectTarget(response: UpstreamResponse, from: URL): URL | null {
  const location = response.header("location");
  if (!location) return null;
  try {
    return new URL(location, from);
  } catch {
    return null;
  }
}

function shownLocation(target: URL | null): string | null {
  return target ? redactSecrets(`${target.origin}${target.pathname}`) : null;
}

type Attempt = UpstreamOutcome | { retry: true; outcome: UpstreamOutcome };

async function fetchFollowingSameOrigin(
  request: UpstreamHttpRequest,
  headers: Headers,
  signal: AbortSignal,
  exchange: HttpExchange,
): Promise<{ response: UpstreamResponse } | { failure: UpstreamFailure }> {
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const response = await exchange({ method: request.method, url, headers, body: request.body, signal });
    if (!REDIRECT_STATUS.has(response.status)) return { response };
    await response.cancel();
    const target = redirectTarget(response, url);
    // Same-origin redirects of reads are followed a few times; anything else would send the key or
    // the call elsewhere, so the agent is told where it pointed instead.
    const followable =
      target !== null &&
      target.origin === request.url.origin &&
      IDEMPOTENT_READS.has(request.method) &&
      hop < MAX_SAME_ORIGIN_REDIRECTS;
    if (!followable) {
      return {
        failure: {
          kind: "redirect",
          status: response.status,
          location: shownLocation(target),
          crossOrigin: target !== null && target.origin !== request.url.origin,
        },
      };
    }
    url = target;
  }
}

/**
 * One signal for a whole attempt (headers and body): aborted by the caller's signal or by the
 * timeout, whichever comes first. A plain controller and timer, cleared when the attempt ends,
 * cost far less per call than `AbortSignal.timeout` combined through `AbortSignal.any`.
 */
function attemptSignal(outer: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("The upstream call timed out.", "TimeoutError"));
  }, timeoutMs);
  timer.unref();
  const forward = () => controller.abort(outer.reason);
  if (outer.aborted) forward();
  else outer.addEventListener("abort", forward, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done() {
      clearTimeout(timer);
      outer.removeEventListener("abort", forward);
    },
  };
}

// The exchange for a given `fetch`, made once; without one, the shared pool.
const fetchExchanges = new WeakMap<typeof fetch, HttpExchange>();
function exchangeFor(options: UpstreamClientOptions): HttpExchange {
  if (!options.fetch) return pooledExchange();
  const known = fetchExchanges.get(options.fetch) ?? fetchExchange(options.fetch);
  fetchExchanges.set(options.fetch, known);
  return known;
}

async function attempt(
  request: UpstreamHttpRequest,
  key: string | undefined,
  signal: AbortSignal,
  options: UpstreamClientOptions,
): Promise<Attempt> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = new Headers(request.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  const bounded = attemptSignal(signal, timeoutMs);
  let status: number | null = null;
  try {
    const fetched = await fetchFollowingSameOrigin(request, headers, bounded.signal, exchangeFor(options));
    if ("failure" in fetched) return { ok: false, failure: fetched.failure };
    status = fetched.response.status;
    const outcome = await parseBody(
      fetched.response,
      key,
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    );
    return RETRYABLE_STATUS.has(status) ? { retry: true, outcome } : outcome;
  } catch (error) {
    if (bounded.timedOut()) return { ok: false, failure: { kind: "timeout", timeoutMs } };
    if (signal.aborted) return { ok: false, failure: { kind: "cancelled" } };
    const failure: UpstreamFailure =
      status === null
        ? { kind: "network", origin: request.url.origin, code: errorCode(error) }
        : { kind: "incomplete", status, code: errorCode(error) };
    return { retry: true, outcome: { ok: false, failure } };
  } finally {
    bounded.done();
  }
}

/**
 * Sends a request with the caller's key. Only idempotent reads (GET, HEAD) are retried, once, on a
 * network error, an answer cut off mid-body, or 502/503/504: a retried write could apply twice.
 */
export async function sendUpstream(
  request: UpstreamHttpRequest,
  key: string | undefined,
  signal: AbortSignal,
  options: UpstreamClientOptions = {},
): Promise<UpstreamOutcome> {
  const first = await attempt(request, key, signal, options);
  if (!("retry" in first)) return first;
  if (!IDEMPOTENT_READS.has(request.method)) return first.outcome;
  const second = await attempt(request, key, signal, options);
  return "retry" in second ? second.outcome : second;
}
