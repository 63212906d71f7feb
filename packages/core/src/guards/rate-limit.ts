import type { RateLimitGuard } from "./rate-limit-guard.js";

/** A rate limiter's answer for one call: counted, or refused with the time until a slot frees up. */
export type RateLimitDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterMs: number };

/**
 * Counts calls in a rolling window for a bucket key. `hit` counts the call only when it is allowed;
 * it may throw when its store cannot be reached (the guard then fails closed).
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
}

/** Who is calling, for rate-limit buckets: a stable caller id and, when known, the project. */
export interface RateLimitSubject {
  caller: string;
  project?: string | number | null;
}

/** The bucket a call is counted in: the tool, the guard's `per`, and who that names. */
export function rateLimitKey(tool: string, guard: RateLimitGuard, subject: RateLimitSubject): string {
  const window = `${guard.limit}/${guard.window_seconds}s`;
  if (guard.per === "tool") return `${tool}|${window}|tool`;
  const project = subject.project;
  if (guard.per === "project" && project !== undefined && project !== null && project !== "") {
    return `${tool}|${window}|project:${String(project)}`;
  }
  return `${tool}|${window}|caller:${subject.caller}`;
}

/** "Retry in 12 s (after 2026-01-01T10:00:12Z)." for a wait in milliseconds. */
export function retryAfterSentence(retryAfterMs: number, now = Date.now()): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const at = new Date(now + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return `Retry in ${seconds} s (after ${at}).`;
}

/** The refusal the agent reads: the limit, whose it is, and when to retry. */
export function rateLimitMessage(
  tool: string,
  guard: RateLimitGuard,
  retryAfterMs: number,
  now = Date.now(),
): string {
  const whose = guard.per === "tool" ? "for everyone" : `per ${guard.per}`;
  const lead =
    guard.message ??
    `'${tool}' allows ${guard.limit} call${guard.limit === 1 ? "" : "s"} per ${guard.window_seconds} s ${whose}, and that many were made.`;
  return `${lead.replace(/[.!?]?$/, ".")} ${retryAfterSentence(retryAfterMs, now)}`;
}

/**
 * An in-process sliding-window rate limiter (a log of call times per bucket), for a single process:
 * the demo API, tests, and the MCP server's in-memory state store. Buckets beyond `maxKeys` evict
 * the least recently used, so memory stays bounded.
 */
export function createMemoryRateLimiter(
  options: { now?: () => number; maxKeys?: number } = {},
): RateLimiter & { count(key: string, windowMs: number): number; size(): number } {
  const clock = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, number[]>();

  function current(key: string, windowMs: number, now: number): number[] {
    const times = buckets.get(key) ?? [];
    let expired = 0;
    while (expired < times.length && (times[expired] as number) <= now - windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    buckets.delete(key);
    if (times.length > 0) buckets.set(key, times);
    return times;
  }

  return {
    async hit(key, limit, windowMs) {
      const now = clock();
      const times = current(key, windowMs, now);
      if (times.length >= limit) {
        return { allowed: false, retryAfterMs: Math.max(1, (times[0] as number) + windowMs - now) };
      }
      times.push(now);
      buckets.set(key, times);
      for (const oldest of buckets.keys()) {
        if (buckets.size <= maxKeys) break;
        buckets.delete(oldest);
      }
      return { allowed: true, remaining: limit - times.length };
    },
    count: (key, windowMs) => current(key, windowMs, clock()).length,
    size: () => buckets.size,
  };
}
