// Three replicas (separate processes) behind a real nginx, sharing a real redis-server; 50 SDK clients
// for a bounded time (RELIABILITY_REPLICAS_SECONDS, default 10); one replica is SIGKILLed at a third of
// the run and started again at once. `pnpm load:replicas` runs the long version and records figures.
import { describe, expect, it } from "vitest";
import { recordFigures } from "./support/figures.js";
import { runReplicasLoad } from "./support/replicas-load.js";

const seconds = Math.min(Math.max(Number(process.env.RELIABILITY_REPLICAS_SECONDS ?? 10) || 10, 6), 120);
const clients = Math.min(Math.max(Number(process.env.RELIABILITY_REPLICAS_CLIENTS ?? 50) || 50, 3), 200);

describe("replicas behind nginx with shared Redis", () => {
  it(
    `${clients} clients for ${seconds} s, one replica killed and restarted: only its in-flight requests fail`,
    async () => {
      const result = await runReplicasLoad({ clients, seconds });
      const victim = `127.0.0.1:${result.killedPort}`;
      const summary = JSON.stringify(
        {
          ...result,
          errors: result.errors.slice(0, 5),
          failedExchanges: result.failedExchanges.slice(0, 5),
          replicaOutput: undefined,
        },
        null,
        2,
      );
      // Every failure was in flight on the killed replica when it died, and says so.
      for (const exchange of result.failedExchanges) {
        expect(exchange.servedBy, summary).toContain(victim);
        expect(exchange.start, summary).toBeLessThanOrEqual(result.diedAt);
        expect(exchange.end, summary).toBeGreaterThanOrEqual(result.killedAt);
      }
      for (const error of result.errors) {
        expect(error.start, summary).toBeLessThanOrEqual(result.diedAt);
        expect(error.end, summary).toBeGreaterThanOrEqual(result.killedAt);
        expect(error.error, summary).toMatch(
          /replica handling this request went away|terminated|other side closed|socket/i,
        );
      }
      expect(result.errors.length, summary).toBeLessThanOrEqual(clients * 3);
      // The restarted replica took traffic again without anything else restarting.
      expect(result.servedAfterRestart, summary).toBeGreaterThan(0);
      // Single use across replicas: no token ran twice, and each redemption deleted one alert.
      expect(result.tokens.prepared, summary).toBeGreaterThan(10);
      expect(result.tokens.redeemedTwice, summary).toBe(0);
      expect(result.tokens.redeemed, summary).toBeLessThanOrEqual(result.tokens.prepared);
      expect(result.alertsDeleted, summary).toBeGreaterThanOrEqual(result.tokens.redeemed);
      expect(result.alertsDeleted - result.tokens.redeemed, summary).toBeLessThanOrEqual(
        result.errors.length,
      );
      // 30 channel listings a minute per project, across all three replicas: the API never had to refuse.
      expect(result.channels.succeeded, summary).toBeLessThanOrEqual(30);
      expect(result.channels.refusedByGuard, summary).toBeGreaterThan(0);
      expect(result.channels.refusedByUpstream, summary).toBe(0);
      expect(result.channels.other, summary).toBe(0);
      recordFigures("load-nginx-redis", {
        clients,
        seconds,
        requests: result.requests,
        throughput: result.throughput,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        errors: result.errors.length,
        failedExchanges: result.failedExchanges.length,
        tokensPrepared: result.tokens.prepared,
        redemptionAttempts: result.tokens.redemptionAttempts,
        tokensRedeemed: result.tokens.redeemed,
        tokensRedeemedTwice: result.tokens.redeemedTwice,
        alertsDeleted: result.alertsDeleted,
        channelsSucceeded: result.channels.succeeded,
        channelsRefusedByGuard: result.channels.refusedByGuard,
        channelsRefusedByUpstream: result.channels.refusedByUpstream,
        servedAfterRestart: result.servedAfterRestart,
      });
    },
    (seconds + 180) * 1000,
  );
});
