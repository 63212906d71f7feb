import { describe, expect, it } from "vitest";
import { asSentence, joinSentences } from "./sentence.js";

describe("asSentence", () => {
  it("finishes a sentence exactly once, whatever it ends with", () => {
    expect(asSentence("Alert 9 was not found")).toBe("Alert 9 was not found.");
    expect(asSentence("Alert 9 was not found.")).toBe("Alert 9 was not found.");
    expect(asSentence("Alert 9 was not found.  ")).toBe("Alert 9 was not found.");
    expect(asSentence("Is it there?")).toBe("Is it there?");
    expect(asSentence("It said 'stop.'")).toBe("It said 'stop.'");
    expect(asSentence("(see the docs.)")).toBe("(see the docs.)");
    expect(asSentence("cut off here…")).toBe("cut off here…");
    expect(asSentence("Errors:")).toBe("Errors.");
    expect(asSentence("a, b;")).toBe("a, b.");
    expect(asSentence("   ")).toBe("");
  });
});

describe("joinSentences", () => {
  it("joins with one space and skips empty parts", () => {
    expect(joinSentences("Not found (HTTP 404): gone.", "", "Check the id")).toBe(
      "Not found (HTTP 404): gone. Check the id.",
    );
  });
});
