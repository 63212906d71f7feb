import { createConfirmationToken } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { REDACTED, redactString } from "./secret-patterns.js";

describe("redactString", () => {
  it.each([
    ["Authorization: Bearer abc.def-123456", "abc.def-123456"],
    ["key tw_live_8f3k2j4h5g6f7d8s", "tw_live_8f3k2j4h5g6f7d8s"],
    ["openai sk-proj-a1b2c3d4e5f6g7h8i9", "sk-proj-a1b2c3d4e5f6g7h8i9"],
    ["posthog phx_1234567890abcdefghij", "phx_1234567890abcdefghij"],
    ["github ghp_abcdefghij1234567890ABCDEFGHIJ", "ghp_abcdefghij1234567890ABCDEFGHIJ"],
    ["aws AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9"],
    ["https://admin:hunter2@db.example.com/x", "hunter2"],
    ["https://api.example.com/v1?api_key=s3cr3tvalue&page=2", "s3cr3tvalue"],
    ['{"password": "correct horse"}', "correct"],
    ["api_key=abcdef123", "abcdef123"],
  ])("removes the secret from %j", (input, secret) => {
    const output = redactString(input);
    expect(output).not.toContain(secret);
    expect(output).toContain(REDACTED);
  });

  it("leaves ordinary text, ids and snake_case names alone", () => {
    const text =
      "list_projects returned sk_product_catalog for user 42 at https://example.com/projects?page=2";
    expect(redactString(text)).toBe(text);
  });

  it("removes exact secrets wherever they appear, even inside words", () => {
    expect(redactString("prefixUPSTREAM-KEY-9suffix", ["UPSTREAM-KEY-9"])).toBe(`prefix${REDACTED}suffix`);
  });

  it("replaces large base64 blobs and data URIs with their size", () => {
    const blob = "QUJD".repeat(200);
    expect(redactString(`file ${blob} end`)).toBe("file [base64 redacted: 800 chars] end");
    expect(redactString(`img data:image/png;base64,${blob}`)).toBe("img [binary data URI: 822 chars]");
  });

  it("removes PEM private keys", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----";
    expect(redactString(`key:\n${pem}\nafter`)).toBe(`key:\n${REDACTED}\nafter`);
  });

  it("removes confirmation tokens of any payload size, as the prepare step writes them", async () => {
    const secret = "a-confirmation-secret-of-at-least-32-bytes";
    for (const args of [{ id: 2 }, { id: 2, filters: "x".repeat(400) }]) {
      const { token } = await createConfirmationToken({
        secret,
        tool: "alert-delete",
        caller: "c",
        args,
        ttlSeconds: 60,
      });
      const text = `Show this to the user. If they agree, call 'alert-delete' again with confirmation_token="${token}" (once).`;
      const output = redactString(text);
      expect(output).not.toContain(token.split(".")[1]);
      expect(output).not.toContain(token.split(".")[2]);
      expect(output).toBe(text.replace(token, REDACTED));
    }
  });

  it("leaves words that merely start like a token alone", () => {
    const text = "twc1 is the confirmation format, see twc1.md and twc1.x";
    expect(redactString(text)).toBe(text);
  });

  it("removes prefixed keys without any digit when they are long and mix upper and lower case", () => {
    const key = "tw_canaryWithoutAnyDigitsAtAllXyzw";
    expect(redactString(`search ${key} now`)).toBe(`search ${REDACTED} now`);
    expect(redactString("sk_AbcdefGhijklmnopQrstu")).toBe(REDACTED);
  });

  it("keeps long snake_case and kebab-case identifiers that share a key prefix", () => {
    // A digit-less key must mix cases; identifiers after these prefixes are lower case.
    const text = "tw_demo_admin_settings, sk_product_list_items_all and ghp-release-notes-overview";
    expect(redactString(text)).toBe(text);
  });
});
