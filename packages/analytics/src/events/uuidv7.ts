import { randomUUID } from "node:crypto";

/**
 * An RFC 9562 version 7 UUID: 48 bits of Unix milliseconds, then version, variant and random bits,
 * so ids sort by creation time. The random part comes from `randomUUID()` (a version 4 UUID, whose
 * variant bits are already right), which Node serves from a pre-filled entropy cache.
 */
export function uuidv7(now: number = Date.now()): string {
  const millis = Math.max(0, Math.floor(now));
  // Ids made in the same millisecond share their first two groups: formatted once.
  if (millis !== lastMillis) {
    const time = millis.toString(16).padStart(12, "0").slice(-12);
    lastMillis = millis;
    lastPrefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
  }
  return lastPrefix + randomUUID().slice(15);
}

let lastMillis = -1;
let lastPrefix = "";

/** Matches the textual form of a version 7 UUID (any case). */
export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
