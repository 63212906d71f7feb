import { z } from "zod";

/** One event in PostHog's capture shape, as every sink receives it. */
export const AnalyticsEventSchema = z.object({
  event: z.string().min(1),
  distinct_id: z.string().min(1),
  properties: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
  uuid: z.string(),
});

/** One event in PostHog's capture shape: `{ event, distinct_id, properties, timestamp, uuid }`. */
export type AnalyticsEvent = z.infer<typeof AnalyticsEventSchema>;

/** A custom event passed to `capture()`; the recorder adds ids, timestamps and session properties. */
export const CustomEventSchema = z.object({
  event: z.string().min(1),
  distinctId: z.string().min(1).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  sessionId: z.string().optional(),
});

/** A custom event passed to `capture()`. */
export type CustomEvent = z.infer<typeof CustomEventSchema>;
