import type { AnalyticsEvent } from "../events/analytics-event.js";
import type { Sink } from "./sink.js";

/** A sink that keeps every event in memory, for tests and for the report in one process. */
export interface MemorySink extends Sink {
  /** Every event received so far, oldest first. */
  readonly events: AnalyticsEvent[];
  /** Forgets every event received so far. */
  clear(): void;
}

/** Creates a sink that appends every batch to `sink.events`. */
export function createMemorySink(): MemorySink {
  const events: AnalyticsEvent[] = [];
  return {
    events,
    async send(batch) {
      events.push(...batch);
    },
    clear() {
      events.length = 0;
    },
  };
}
