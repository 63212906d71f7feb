import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "./redact-secrets.js";

// Hand-written corpora (see __fixtures__): ordinary prose and API payloads that hold no secret,
// and canaries, each a text with the exact secret it carries.
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");
const english = lines(fixture("ordinary-english.txt"));
const apiJson = lines(fixture("api-json.jsonl"));
const canaries = lines(fixture("canaries.jsonl")).map((line) => JSON.parse(line) as [string, string]);

describe("redactor precision and recall", () => {
  it("has no false positive on ordinary English (precision 1.0)", () => {
    const changed = english.filter((line) => redactSecrets(line) !== line);
    expect(changed).toEqual([]);
    expect(english.length).toBeGreaterThanOrEqual(40);
  });

  it("has no false positive on API JSON payloads", () => {
    const changed = apiJson.filter((line) => redactSecrets(line) !== line);
    expect(changed).toEqual([]);
    expect(apiJson.length).toBeGreaterThanOrEqual(15);
  });

  it("catches every canary (recall 1.0)", () => {
    const missed = canaries.filter(([text, secret]) => {
      const output = redactSecrets(text);
      return output.includes(secret) || !output.includes(REDACTED);
    });
    expect(missed).toEqual([]);
    expect(canaries.length).toBeGreaterThanOrEqual(25);
  });

  it("stays linear on long texts made of short alphanumeric runs", () => {
    const text = `${"abcdefghij0123456789 ".repeat(20_000)}end`;
    expect(redactSecrets(text)).toBe(text);
  });

  it("finds a 256-character blob wherever it starts, and leaves a 255-character run alone", () => {
    const blob = (length: number) => "QUJD".repeat(64).slice(0, length);
    for (let offset = 0; offset < 600; offset += 37) {
      const text = `${"word ".repeat(offset / 5)}${"x".repeat(offset % 5)} ${blob(256)} tail`;
      expect(redactSecrets(text), `offset ${offset}`).toContain("[base64 redacted: 256 chars]");
      const short = `${"word ".repeat(offset / 5)} ${blob(255)} tail`;
      expect(redactSecrets(short)).toBe(short);
    }
  });
});
