// Two replicas of the server sharing a real redis-server on 127.0.0.1: single-use confirmation tokens
// and rate limits hold across them, and Redis going away and coming back needs no restart.
import type { GuardInput, ToolDefinitionsFile } from "@toolwright/core";
import { type RedisServer, startRedisServer } from "@toolwright/test-services/redis-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCatalog } from "../src/catalog/create-catalog.js";
import { type RunningHttpServer, serveHttp } from "../src/http/serve-http.js";
import { createRedisStateStore } from "../src/state/redis-state-store.js";
import type { RateLimitFailureMode } from "../src/state/store-rate-limiter.js";
import { testDefinitions } from "./support/catalog.js";
import { connectHttp, jsonOf, textOf } from "./support/client.js";
import { SECRET } from "./support/harness.js";
import { startUpstream, type Upstream } from "./support/upstream.js";

const LIST_LIMIT: GuardInput = { type: "rate_limit", per: "project", limit: 3, window_seconds: 600 };
const DELETE_TARGET = { operation: "workflow_get", params: { id: "{args.id}" } };

/** The test catalog with a per-project limit on workflows-list and a fetched target on workflows-delete. */
function definitions(upstream: string): ToolDefinitionsFile {
  const file = testDefinitions(upstream);
  return {
    ...file,
    tools: file.tools.map((tool) => {
      if (tool.name === "workflows-list") return { ...tool, guards: [LIST_LIMIT as never] };
      if (tool.name === "workflows-delete") {
        return { ...tool, guards: [{ type: "confirm", target: DELETE_TARGET, ttl_seconds: 600 } as never] };
      }
      return tool;
    }),
  };
}

interface Replica {
  server: RunningHttpServer;
  store: ReturnType<typeof createRedisStateStore>;
  warnings: string[];
}

async function startReplica(
  upstream: Upstream,
  redis: RedisServer,
  keyPrefix: string,
  rateLimitFailureMode: RateLimitFailureMode = "closed",
): Promise<Replica> {
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message), error: () => {} };
  const store = createRedisStateStore({ url: redis.url, keyPrefix, logger });
  await store.ready();
  const server = await serveHttp({
    catalog: createCatalog({ definitions: definitions(upstream.url) }),
    port: 0,
    confirmation: { secret: SECRET },
    state: store,
    rateLimitFailureMode,
    logger,
  });
  return { server, store, warnings };
}

async function call(replica: Replica, key: string, name: string, args: Record<string, unknown>) {
  const client = await connectHttp(replica.server.url, key);
  try {
    return await client.callTool({ name, arguments: args });
  } finally {
    await client.close();
  }
}

const tokenOf = (text: string) => /confirmation_token="([^"]+)"/.exec(text)?.[1] ?? "";

describe("two replicas sharing Redis", () => {
  let redis: RedisServer;
  let upstream: Upstream;
  let first: Replica;
  let second: Replica;
  let openReplica: Replica;
  let prefix = 0;
  beforeAll(async () => {
    redis = await startRedisServer();
    upstream = await startUpstream();
  }, 30_000);
  afterAll(async () => {
    for (const replica of [first, second, openReplica]) {
      await replica?.server.close();
      await replica?.store.close();
    }
    await upstream?.close();
    await redis?.close();
  });

  /** Fresh replicas per test, on their own key prefix so counters do not leak between tests. */
  async function replicas() {
    for (const replica of [first, second, openReplica]) {
      await replica?.server.close();
      await replica?.store.close();
    }
    const keyPrefix = `test${prefix++}:`;
    first = await startReplica(upstream, redis, keyPrefix);
    second = await startReplica(upstream, redis, keyPrefix);
    openReplica = await startReplica(upstream, redis, keyPrefix, "open");
  }

  const deletes = () => upstream.calls().filter((request) => request.method === "DELETE");
  const targetReads = () =>
    upstream.calls().filter((request) => request.method === "GET" && request.path === "/api/workflows/1");

  it("redeems a token once across replicas, refusing the replay before any guard lookup", async () => {
    await replicas();
    const prepared = await call(first, "admin", "workflows-delete", { id: 1 });
    const token = tokenOf(textOf(prepared));
    expect(token).not.toBe("");
    const deletesBefore = deletes().length;
    const redeemed = await call(second, "admin", "workflows-delete", { confirmation_token: token });
    expect(redeemed.isError).toBeFalsy();
    expect(jsonOf(redeemed)).toEqual({ deleted: 1 });
    const readsBefore = targetReads().length;
    for (const replica of [first, second]) {
      const replay = await call(replica, "admin", "workflows-delete", { confirmation_token: token });
      expect(replay.isError).toBe(true);
      expect(textOf(replay)).toContain("This confirmation token was already used.");
    }
    expect(deletes().length).toBe(deletesBefore + 1);
    expect(targetReads().length).toBe(readsBefore);
  });

  it("redeems a token exactly once when both replicas race for it", async () => {
    await replicas();
    const token = tokenOf(textOf(await call(first, "admin", "workflows-delete", { id: 2 })));
    const deletesBefore = deletes().length;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        call(index % 2 === 0 ? first : second, "admin", "workflows-delete", { confirmation_token: token }),
      ),
    );
    expect(results.filter((result) => !result.isError)).toHaveLength(1);
    expect(deletes().length).toBe(deletesBefore + 1);
  });

  it("holds a per-project rate limit across replicas and says when to retry", async () => {
    await replicas();
    const outcomes = [];
    // admin and reader are both in project 1: together they get 3 calls per window.
    for (const [replica, key] of [
      [first, "admin"],
      [second, "reader"],
      [first, "reader"],
      [second, "admin"],
      [first, "admin"],
    ] as const) {
      outcomes.push(await call(replica, key, "workflows-list", {}));
    }
    expect(outcomes.map((result) => Boolean(result.isError))).toEqual([false, false, false, true, true]);
    expect(textOf(outcomes[3])).toMatch(
      /^Rejected by the rate_limit guard of 'workflows-list': 'workflows-list' allows 3 calls per 600 s per project, and that many were made\. Retry in \d+ s \(after .+Z\)\.$/,
    );
    // Project 2 has its own bucket.
    expect((await call(second, "beta", "workflows-list", {})).isError).toBeFalsy();
  });

  it("fails closed on confirmation while Redis is down, per mode on rate limits, and recovers without a restart", async () => {
    await replicas();
    const token = tokenOf(textOf(await call(first, "admin", "workflows-delete", { id: 1 })));
    await redis.stop();
    const deletesBefore = deletes().length;

    const refused = await call(second, "admin", "workflows-delete", { confirmation_token: token });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain("could not check that this confirmation token is unused");
    expect(deletes().length).toBe(deletesBefore);

    const closed = await call(first, "admin", "workflows-list", {});
    expect(closed.isError).toBe(true);
    expect(textOf(closed)).toContain("the rate-limit store could not be reached");
    const open = await call(openReplica, "admin", "workflows-list", {});
    expect(open.isError).toBeFalsy();
    expect(openReplica.warnings.some((line) => line.includes("not enforced (fail open)"))).toBe(true);
    // Callers are still resolved (the cache misses, the upstream answers) for tools without shared state.
    expect((await call(second, "admin", "workflows-get", { id: 1 })).isError).toBeFalsy();
    // The client reports the lost connection on its own schedule: wait for the line, do not race it.
    await vi.waitFor(
      () => expect(second.warnings.some((line) => line.includes("is unreachable"))).toBe(true),
      {
        timeout: 30_000,
      },
    );

    await redis.start();
    await Promise.all([first.store.ready(15_000), second.store.ready(15_000)]);
    // The token was never claimed while Redis was down, so it works now, once.
    const redeemed = await call(second, "admin", "workflows-delete", { confirmation_token: token });
    expect(redeemed.isError).toBeFalsy();
    expect(deletes().length).toBe(deletesBefore + 1);
    const replay = await call(first, "admin", "workflows-delete", { confirmation_token: token });
    expect(textOf(replay)).toContain("already used");
    expect((await call(first, "admin", "workflows-list", {})).isError).toBeFalsy();
    expect(second.warnings.some((line) => line.includes("reachable again"))).toBe(true);
  }, 60_000);
});
