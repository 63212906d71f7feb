import type { AnalyticsEvent } from "../events/analytics-event.js";
import { type SanitizeLimits, type SanitizeOptions, sanitize } from "./sanitize.js";

/** Largest serialized event, in bytes (UTF-8), that leaves the process. */
export const DEFAULT_MAX_EVENT_BYTES = 100_000;

const MARKER = "[truncated: event too large]";
const MAX_ROUNDS = 12;

/** Serialized UTF-8 size of an event. */
export function eventBytes(event: AnalyticsEvent): number {
  return Buffer.byteLength(JSON.stringify(event), "utf8");
}

/**
 * Shrinks an event's largest properties, in rounds of tighter limits, until the whole event is at
 * most `maxBytes`; a property that still does not fit is replaced by a marker. The result stays
 * valid JSON because every round re-sanitizes whole values rather than cutting serialized text.
 */
export function fitEventSize(
  event: AnalyticsEvent,
  maxBytes: number,
  options: SanitizeOptions,
): AnalyticsEvent {
  // A walk that only adds numbers is far cheaper than serializing; most events are far below the cap.
  if (upperBoundBytes(event) <= maxBytes) return event;
  let size = eventBytes(event);
  if (size <= maxBytes) return event;
  const properties = { ...event.properties };
  let limits: SanitizeLimits = options;
  for (let round = 0; round < MAX_ROUNDS && size > maxBytes; round++) {
    limits = tighten(limits);
    const key = largestProperty(properties);
    if (key === undefined) break;
    const isLastChance = limits.maxStringLength <= 16;
    properties[key] = isLastChance ? MARKER : sanitize(properties[key], { ...options, ...limits });
    size = eventBytes({ ...event, properties });
  }
  while (size > maxBytes) {
    const key = largestProperty(properties, MARKER);
    if (key === undefined) return { ...event, properties: { [MARKER]: true } };
    properties[key] = MARKER;
    size = eventBytes({ ...event, properties });
  }
  return { ...event, properties };
}

/**
 * An upper bound of the serialized UTF-8 size of a JSON value: every character of a string counted
 * as the longest escape (`\u0000`, six bytes), every number as 24 bytes.
 */
function upperBoundBytes(value: unknown): number {
  if (typeof value === "string") return value.length * 6 + 2;
  if (typeof value !== "object" || value === null) return 24;
  let total = 2;
  if (Array.isArray(value)) {
    for (const item of value) total += upperBoundBytes(item) + 1;
    return total;
  }
  for (const key in value) {
    total += key.length * 6 + 4 + upperBoundBytes((value as Record<string, unknown>)[key]);
  }
  return total;
}

function tighten(limits: SanitizeLimits): SanitizeLimits {
  return {
    maxStringLength: Math.max(16, Math.floor(limits.maxStringLength / 4)),
    maxDepth: Math.max(2, limits.maxDepth - 2),
    maxBreadth: Math.max(4, Math.floor(limits.maxBreadth / 2)),
  };
}

function largestProperty(properties: Record<string, unknown>, skip?: string): string | undefined {
  let largestKey: string | undefined;
  let largestSize = 0;
  for (const [key, value] of Object.entries(properties)) {
    if (value === skip) continue;
    const size = JSON.stringify(value)?.length ?? 0;
    if (size > largestSize) {
      largestKey = key;
      largestSize = size;
    }
  }
  return largestKey;
}
