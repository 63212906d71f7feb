import type { Recorder } from "@toolwright/analytics";

/**
 * Sends the queued analytics events within the deadline at shutdown, and says on stderr how many it
 * had to drop (a PostHog host that is down must not hold the process past the deadline).
 */
export async function flushAnalytics(analytics: Recorder | null, timeoutMs: number): Promise<void> {
  if (!analytics) return;
  const { dropped, timedOut } = await analytics.shutdown({ timeoutMs });
  if (dropped > 0 || timedOut) {
    process.stderr.write(
      `toolwright-demo: analytics shutdown ${timedOut ? `hit its ${timeoutMs} ms deadline` : "finished"}; ${dropped} event(s) dropped\n`,
    );
  }
}
