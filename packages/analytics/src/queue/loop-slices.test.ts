import { describe, expect, it } from "vitest";
import { stringifyEach } from "./loop-slices.js";

describe("loop slices", () => {
  it("stringifyEach gives JSON.stringify's text, and lets the loop turn during a large batch", async () => {
    // About 4 MB of JSON: well past one slice of work on any machine.
    const values = Array.from({ length: 200 }, (_, index) => ({ index, text: `"é\n${"z".repeat(20_000)}` }));
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    const parts = await stringifyEach(values);
    expect(`[${parts.join(",")}]`).toBe(JSON.stringify(values));
    expect(turned).toBe(true);
  });
});
