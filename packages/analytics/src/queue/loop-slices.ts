import { performance } from "node:perf_hooks";

/**
 * How long batch work (building events, serialising and compressing them) runs before it gives the
 * event loop a turn, in milliseconds. It is checked between items, so one large item can run longer.
 */
const MAX_SLICE_MS = 0.5;

/** Resolves on the next turn of the event loop, after the I/O that is waiting. */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A pacer for a loop over batch items: `pause()` returns a promise to await once the current slice
 * has run for longer than `MAX_SLICE_MS`, and undefined otherwise, so the common case adds no microtask.
 */
export function loopSlices(): { pause(): Promise<void> | undefined } {
  let sliceStarted = performance.now();
  return {
    pause() {
      if (performance.now() - sliceStarted <= MAX_SLICE_MS) return undefined;
      return nextTurn().then(() => {
        sliceStarted = performance.now();
      });
    },
  };
}

/**
 * `JSON.stringify` of each value, paced by `loopSlices`: joined with "," inside `[` `]` they are the
 * text `JSON.stringify(values)` gives, without holding the loop for a whole large batch.
 */
export async function stringifyEach(values: readonly unknown[]): Promise<string[]> {
  const slices = loopSlices();
  const parts: string[] = [];
  for (const value of values) {
    const paused = slices.pause();
    if (paused) await paused;
    parts.push(JSON.stringify(value));
  }
  return parts;
}
