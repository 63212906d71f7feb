import type { AnalyticsEvent } from "../events/analytics-event.js";

/**
 * Where events go. `send` receives a batch of already redacted and truncated events; a sink may
 * throw or hang without affecting any tool call, because the recorder calls it off the request path.
 */
export interface Sink {
  send(events: AnalyticsEvent[]): Promise<void>;
  flush?(): Promise<void>;
  shutdown?(): Promise<void>;
}
