import { randomUUID } from "node:crypto";
import type { RateLimitDecision } from "@toolwright/core";
import { Redis } from "ioredis";
import type { Logger } from "../calls/runtime.js";
import { type StateStore, stateUnavailable } from "./state-store.js";

/** How the server talks to Redis. */
export interface RedisStateStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Prefix of every key, so several deployments can share one Redis; default `toolwright:`. */
  keyPrefix?: string;
  /** A command that takes longer fails (and its user fails open or closed); default 1000 ms. */
  commandTimeoutMs?: number;
  logger?: Logger;
}

/** Rolling window as a sorted set of event times (Redis's clock, so replicas' clocks do not matter). */
const WINDOW_HIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now)}
`;

const WINDOW_COUNT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
return redis.call('ZCARD', KEYS[1])
`;

/** The URL without its password, for log lines. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the configured Redis URL";
  }
}

/**
 * State shared by every replica, in Redis. Commands fail fast while Redis is unreachable (no offline
 * queue, a command timeout) instead of piling up behind the outage, and the client reconnects by
 * itself: when Redis is back the next call uses it, no restart needed.
 */
export function createRedisStateStore(
  options: RedisStateStoreOptions,
): StateStore & { ready(timeoutMs?: number): Promise<void> } {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? "toolwright:",
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  let reachable = true;
  redis.on("error", (error: Error) => {
    if (!reachable) return;
    reachable = false;
    options.logger?.warn(
      `state store: Redis at ${shownUrl(options.url)} is unreachable (${error.message}); confirmations are refused and rate limits follow their failure mode until it is back`,
    );
  });
  redis.on("ready", () => {
    if (reachable) return;
    reachable = true;
    options.logger?.warn(`state store: Redis at ${shownUrl(options.url)} is reachable again`);
  });

  async function run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw stateUnavailable(`Redis: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  return {
    kind: "redis",
    setIfAbsent: (key, ttlMs) =>
      run(async () => (await redis.set(key, "1", "PX", Math.max(1, Math.ceil(ttlMs)), "NX")) === "OK"),
    get: (key) => run(async () => (await redis.get(key)) ?? undefined),
    set: (key, value, ttlMs) =>
      run(async () => {
        await redis.set(key, value, "PX", Math.max(1, Math.ceil(ttlMs)));
      }),
    delete: (key) =>
      run(async () => {
        await redis.del(key);
      }),
    windowHit: (key, limit, windowMs) =>
      run(async (): Promise<RateLimitDecision> => {
        const [allowed, value] = (await redis.eval(WINDOW_HIT, 1, key, limit, windowMs, randomUUID())) as [
          number,
          number,
        ];
        return allowed === 1 ? { allowed: true, remaining: value } : { allowed: false, retryAfterMs: value };
      }),
    windowCount: (key, windowMs) => run(async () => Number(await redis.eval(WINDOW_COUNT, 1, key, windowMs))),
    ready(timeoutMs = 5000) {
      if (redis.status === "ready") return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          redis.off("ready", done);
          reject(stateUnavailable(`Redis was not ready within ${timeoutMs} ms`));
        }, timeoutMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        redis.once("ready", done);
      });
    },
    async close() {
      redis.disconnect();
    },
  };
}
