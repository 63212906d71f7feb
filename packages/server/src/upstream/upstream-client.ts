import type { UpstreamHttpRequest } from "./build-request.js";
import { redactSecrets } from "./redact-secrets.js";
import { retryAfterMs } from "./retry-after.js";
import type { UpstreamFailure } from "./upstream-failure.js";

/** The parsed result of an upstream call, or why there is none. */
export type UpstreamOutcome =
  | { ok: true; status: number; data: unknown }
  | { ok: false; failure: UpstreamFailure };

/** Settings shared by every upstream call. */
export interface UpstreamClientOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const IDEMPOTENT_READS = new Set(["GET", "HEAD"]);
const DETAIL_LIMIT = 500;

function errorCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === "string" ? cause.code : null;
}

/**
 * The upstream's own explanation from an error body: common JSON fields, else the text itself. It is
 * redacted before anything else sees it (some upstreams echo the Authorization header), and before it
 * is cut, so that no part of a key survives at the cut.
 */
function errorDetail(text: string, key: string | undefined): string | null {
  let detail: unknown = text.trim();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested = body.error as Record<string, unknown> | string | undefined;
    detail =
      body.detail ??
      body.message ??
      (typeof nested === "object" ? nested?.message : nested) ??
      body.title ??
      text.trim();
  } catch {
    // Not JSON: the text is the explanation.
  }
  const raw = typeof detail === "string" ? detail : JSON.stringify(detail);
  if (!raw) return null;
  const flat = redactSecrets(raw, [key]);
  return flat.length > DETAIL_LIMIT ? `${flat.slice(0, DETAIL_LIMIT)}…` : flat;
}

async function parseBody(response: Response, key: string | undefined): Promise<UpstreamOutcome> {
  const text = await response.text();
  if (!response.ok) {
    const failure = { kind: "http", status: response.status, detail: errorDetail(text, key) } as const;
    const retryAfter = retryAfterMs(response.headers.get("retry-after"));
    return { ok: false, failure: retryAfter === null ? failure : { ...failure, retryAfterMs: retryAfter } };
  }
  if (text.trim() === "") return { ok: true, status: response.status, data: null };
  const contentType = response.headers.get("content-type");
  try {
    return { ok: true, status: response.status, data: JSON.parse(text) };
  } catch {
    if (contentType?.startsWith("text/plain")) return { ok: true, status: response.status, data: text };
    return { ok: false, failure: { kind: "invalid_json", status: response.status, contentType } };
  }
}

async function attempt(
  request: UpstreamHttpRequest,
  key: string | undefined,
  signal: AbortSignal,
  options: UpstreamClientOptions,
): Promise<UpstreamOutcome | { retry: true; outcome: UpstreamOutcome }> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = new Headers(request.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers,
      body: request.body ?? null,
      signal: AbortSignal.any([signal, timeout]),
    });
    const outcome = await parseBody(response, key);
    return RETRYABLE_STATUS.has(response.status) ? { retry: true, outcome } : outcome;
  } catch (error) {
    if (timeout.aborted) return { ok: false, failure: { kind: "timeout", timeoutMs } };
    if (signal.aborted) return { ok: false, failure: { kind: "cancelled" } };
    const outcome: UpstreamOutcome = {
      ok: false,
      failure: { kind: "network", origin: request.url.origin, code: errorCode(error) },
    };
    return { retry: true, outcome };
  }
}

/**
 * Sends a request with the caller's key. Only idempotent reads (GET, HEAD) are retried, once, on a
 * network error or 502/503/504: a retried write could apply twice.
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
