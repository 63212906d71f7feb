import type { Logger } from "../calls/runtime.js";
import { createMemoryStateStore } from "./memory-state-store.js";
import { createRedisStateStore } from "./redis-state-store.js";
import type { StateStore } from "./state-store.js";

/**
 * The state store a deployment asks for: Redis when a URL is given (replicas share it), else this
 * process's memory (the embedded default, nothing to run). With Redis it waits up to `readyTimeoutMs`
 * for the first connection and starts anyway if Redis is not there yet: it connects when Redis comes.
 */
export async function createStateStore(
  options: { redisUrl?: string | undefined; logger?: Logger; readyTimeoutMs?: number } = {},
): Promise<StateStore> {
  if (!options.redisUrl) return createMemoryStateStore();
  const store = createRedisStateStore({
    url: options.redisUrl,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await store.ready(options.readyTimeoutMs ?? 5000).catch(() => undefined);
  return store;
}
