import { redactSecrets } from "@toolwright/core";
import type { UpstreamHttpRequest } from "./build-request.js";
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

function errorCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
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
  response: Response,
  key: string | undefined,
  limit: number,
): Promise<UpstreamOutcome> {
  if (!response.ok) {
    const body = await readCapped(response, ERROR_BODY_BYTES, { keepPartial: true });
    const detail = errorDetail(body.text, body.complete, key);
    const failure = { kind: "http", status: response.status, detail } as const;
    const retryAfter = retryAfterMs(response.headers.get("retry-after"));
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
  const contentType = response.headers.get("content-type");
  try {
    return { ok: true, status: response.status, data: JSON.parse(text) };
  } catch {
    if (contentType?.startsWith("text/plain")) return { ok: true, status: response.status, data: text };
    return { ok: false, failure: { kind: "invalid_json", status: response.status, contentType } };
  }
}

/** Where a redirect pointed, without its query (which may carry credentials). */
function redirectTarget(response: Response, from: URL): URL | null {
  const location = response.headers.get("location");
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
  options: UpstreamClientOptions,
): Promise<{ response: Response } | { failure: UpstreamFailure }> {
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const response = await (options.fetch ?? fetch)(url, {
      method: request.method,
      headers,
      body: request.body ?? null,
      redirect: "manual",
      signal,
    });
    if (!REDIRECT_STATUS.has(response.status)) return { response };
    await response.body?.cancel().catch(() => {});
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

async function attempt(
  request: UpstreamHttpRequest,
  key: string | undefined,
  signal: AbortSignal,
  options: UpstreamClientOptions,
): Promise<Attempt> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = new Headers(request.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  const timeout = AbortSignal.timeout(timeoutMs);
  let status: number | null = null;
  try {
    const fetched = await fetchFollowingSameOrigin(
      request,
      headers,
      AbortSignal.any([signal, timeout]),
      options,
    );
    if ("failure" in fetched) return { ok: false, failure: fetched.failure };
    status = fetched.response.status;
    const outcome = await parseBody(
      fetched.response,
      key,
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    );
    return RETRYABLE_STATUS.has(status) ? { retry: true, outcome } : outcome;
  } catch (error) {
    if (timeout.aborted) return { ok: false, failure: { kind: "timeout", timeoutMs } };
    if (signal.aborted) return { ok: false, failure: { kind: "cancelled" } };
    const failure: UpstreamFailure =
      status === null
        ? { kind: "network", origin: request.url.origin, code: errorCode(error) }
        : { kind: "incomplete", status, code: errorCode(error) };
    return { retry: true, outcome: { ok: false, failure } };
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
