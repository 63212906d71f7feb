import { setTimeout as sleep } from "node:timers/promises";

/** Polls the upstream until it answers (any HTTP status), so a server started beside it does not race it. */
export async function waitForUpstream(upstream: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(new URL("/openapi.json", upstream), { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`the upstream ${upstream} did not answer within ${timeoutMs} ms`);
      await sleep(200);
    }
  }
}
