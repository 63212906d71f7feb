import { describe, expect, it } from "vitest";
import { evaluateGuards } from "./evaluate.js";
import { GuardSchema } from "./guard.js";
import { createMemoryRateLimiter, type RateLimiter, retryAfterSentence } from "./rate-limit.js";

const perProject = GuardSchema.parse({ type: "rate_limit", per: "project", limit: 3, window_seconds: 60 });
const noCall = async () => {
  throw new Error("rate limits make no lookups");
};

function clock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function callAs(limiter: RateLimiter, caller: string, project: number | null, tool = "channels-list") {
  return evaluateGuards([perProject], {
    tool,
    args: {},
    call: noCall,
    rateLimiter: limiter,
    subject: { caller, project },
  });
}

describe("rate_limit guard", () => {
  it("rejects unknown keys and out-of-range limits in the schema", () => {
    expect(
      GuardSchema.safeParse({ type: "rate_limit", per: "team", limit: 3, window_seconds: 60 }).success,
    ).toBe(false);
    expect(
      GuardSchema.safeParse({ type: "rate_limit", per: "tool", limit: 0, window_seconds: 60 }).success,
    ).toBe(false);
    expect(
      GuardSchema.safeParse({ type: "rate_limit", per: "tool", limit: 1, window_seconds: 60, burst: 2 })
        .success,
    ).toBe(false);
  });

  it("counts a project's callers together and says when to retry", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ now: time.now });
    for (const caller of ["a", "b", "a"]) expect((await callAs(limiter, caller, 7)).ok).toBe(true);
    time.advance(20_000);
    const refused = await callAs(limiter, "c", 7);
    expect(refused).toMatchObject({
      ok: false,
      rejection: {
        guard: "rate_limit",
        reason: "rate_limited",
        details: { retry_after_seconds: 40, limit: 3, window_seconds: 60, per: "project" },
      },
    });
    expect(!refused.ok && refused.rejection.message).toMatch(
      /^'channels-list' allows 3 calls per 60 s per project, and that many were made\. Retry in 40 s \(after .+Z\)\.$/,
    );
    // Another project and another tool have their own buckets.
    expect((await callAs(limiter, "c", 8)).ok).toBe(true);
    expect((await callAs(limiter, "a", 7, "other-tool")).ok).toBe(true);
  });

  it("is a rolling window: a slot frees up when the oldest call leaves it", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ now: time.now });
    for (let index = 0; index < 3; index++) {
      await callAs(limiter, "a", 1);
      time.advance(10_000);
    }
    expect((await callAs(limiter, "a", 1)).ok).toBe(false);
    time.advance(30_000);
    expect((await callAs(limiter, "a", 1)).ok).toBe(true);
    expect((await callAs(limiter, "a", 1)).ok).toBe(false);
  });

  it("counts a caller without a project on its own", async () => {
    const limiter = createMemoryRateLimiter();
    for (let index = 0; index < 3; index++) await callAs(limiter, "anonymous-1", null);
    expect((await callAs(limiter, "anonymous-1", null)).ok).toBe(false);
    expect((await callAs(limiter, "anonymous-2", null)).ok).toBe(true);
  });

  it("fails closed without a limiter or when the limiter cannot answer", async () => {
    const missing = await evaluateGuards([perProject], { tool: "t", args: {}, call: noCall });
    expect(missing).toMatchObject({ ok: false, rejection: { reason: "lookup_failed" } });
    const broken: RateLimiter = {
      hit: async () => {
        throw new Error("down");
      },
    };
    const failed = await evaluateGuards([perProject], {
      tool: "t",
      args: {},
      call: noCall,
      rateLimiter: broken,
      subject: { caller: "a" },
    });
    expect(failed).toMatchObject({ ok: false, rejection: { reason: "lookup_failed" } });
  });

  it("keeps memory bounded by evicting the least recently used buckets", async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 100 });
    for (let index = 0; index < 1000; index++) await limiter.hit(`key-${index}`, 5, 60_000);
    expect(limiter.size()).toBe(100);
  });

  it("rounds waits up to whole seconds", () => {
    expect(retryAfterSentence(1, 0)).toBe("Retry in 1 s (after 1970-01-01T00:00:01Z).");
    expect(retryAfterSentence(12_001, 0)).toBe("Retry in 13 s (after 1970-01-01T00:00:13Z).");
  });
});
