import type { AnalyticsEvent } from "../events/analytics-event.js";
import type { Sink } from "./sink.js";

/** Wraps a plain function as a sink: it receives each batch of events. */
export function createFunctionSink(send: (events: AnalyticsEvent[]) => void | Promise<void>): Sink {
  return {
    async send(events) {
      await send(events);
    },
  };
}
