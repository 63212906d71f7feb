import { describe, expect, it } from "vitest";
import { UUIDV7_PATTERN, uuidv7 } from "./uuidv7.js";

describe("uuidv7", () => {
  it("has the RFC 9562 version and variant bits and encodes the millisecond timestamp", () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    const id = uuidv7(now);
    expect(id).toMatch(UUIDV7_PATTERN);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(now);
  });

  it("is unique and sorts by time", () => {
    const ids = Array.from({ length: 2000 }, (_, index) => uuidv7(1_700_000_000_000 + index));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
