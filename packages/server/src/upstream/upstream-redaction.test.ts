import { REDACTED, redactSecrets } from "@toolwright/core/internal";
import { describe, expect, it } from "vitest";

// The patterns themselves are tested in @toolwright/core; these pin the server's own use of them.
describe("redactSecrets", () => {
  it("removes the caller's exact key, however ordinary it looks", () => {
    expect(redactSecrets("no access for tw_demo_admin here", ["tw_demo_admin"])).toBe(
      `no access for ${REDACTED} here`,
    );
  });

  it.each([
    ["request failed for Bearer tw_canaryWithoutAnyDigitsAtAllXyzw", "tw_canaryWithoutAnyDigitsAtAllXyzw"],
    ["authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"],
    ["the key tw_live8f3K2j4h5g is revoked", "tw_live8f3K2j4h5g"],
    ["stripe sk_test_51HqLyjWDarjtT1zdp7dc", "sk_test_51HqLyjWDarjtT1zdp7dc"],
    ['{"api_key":"a8F3kq92LmZx0pQv77Yt"}', "a8F3kq92LmZx0pQv77Yt"],
    ["token a8F3kq92LmZx0pQv77Yt expired", "a8F3kq92LmZx0pQv77Yt"],
    ["upstream said: invalid jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9"],
    ["cannot reach https://admin:hunter2@db.example.com/x", "hunter2"],
  ])("removes key-shaped strings from %j", (text, secret) => {
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED);
  });

  it("keeps ordinary explanations readable", () => {
    const text =
      "Alert 99999 was not found; sk_product_list needs the key internationalization setting and a token.";
    expect(redactSecrets(text, ["", undefined, "abc"])).toBe(text);
  });
});
