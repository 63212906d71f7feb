import { describe, expect, it } from "vitest";
import { createConfirmationToken } from "../guards/confirmation.js";
import { REDACTED, redactSecrets } from "./redact-secrets.js";

describe("redactSecrets", () => {
  it("removes the caller's exact key, however ordinary it looks", () => {
    expect(redactSecrets("no access for tw_demo_admin here", ["tw_demo_admin"])).toBe(
      `no access for ${REDACTED} here`,
    );
  });

  it("removes exact secrets wherever they appear, even inside words", () => {
    expect(redactSecrets("prefixUPSTREAM-KEY-9suffix", ["UPSTREAM-KEY-9"])).toBe(`prefix${REDACTED}suffix`);
  });

  it.each([
    ["request failed for Bearer tw_canaryWithoutAnyDigitsAtAllXyzw", "tw_canaryWithoutAnyDigitsAtAllXyzw"],
    ["authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"],
    ["Authorization: Bearer abc.def-123456", "abc.def-123456"],
    ["the key tw_live8f3K2j4h5g is revoked", "tw_live8f3K2j4h5g"],
    ["key tw_live_8f3k2j4h5g6f7d8s", "tw_live_8f3k2j4h5g6f7d8s"],
    ["stripe sk_test_51HqLyjWDarjtT1zdp7dc", "sk_test_51HqLyjWDarjtT1zdp7dc"],
    ["openai sk-proj-a1b2c3d4e5f6g7h8i9", "sk-proj-a1b2c3d4e5f6g7h8i9"],
    ["posthog phx_1234567890abcdefghij", "phx_1234567890abcdefghij"],
    ["github ghp_abcdefghij1234567890ABCDEFGHIJ", "ghp_abcdefghij1234567890ABCDEFGHIJ"],
    ["aws AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9"],
    ["https://admin:hunter2@db.example.com/x", "hunter2"],
    ["https://api.example.com/v1?api_key=s3cr3tvalue&page=2", "s3cr3tvalue"],
    ['{"password": "correct horse"}', "correct"],
    ["api_key=abcdef123", "abcdef123"],
    ['{"api_key":"a8F3kq92LmZx0pQv77Yt"}', "a8F3kq92LmZx0pQv77Yt"],
    ["token a8F3kq92LmZx0pQv77Yt expired", "a8F3kq92LmZx0pQv77Yt"],
  ])("removes the secret from %j", (text, secret) => {
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED);
  });

  it("keeps ordinary explanations readable and ignores empty or very short exact secrets", () => {
    const text =
      "Alert 99999 was not found; sk_product_list needs the key internationalization setting and a token.";
    expect(redactSecrets(text, ["", undefined, "abc"])).toBe(text);
  });

  it("leaves ordinary text, ids and snake_case names alone", () => {
    const text =
      "list_projects returned sk_product_catalog for user 42 at https://example.com/projects?page=2";
    expect(redactSecrets(text)).toBe(text);
  });

  it("replaces large base64 blobs and data URIs with their size", () => {
    const blob = "QUJD".repeat(200);
    expect(redactSecrets(`file ${blob} end`)).toBe("file [base64 redacted: 800 chars] end");
    expect(redactSecrets(`img data:image/png;base64,${blob}`)).toBe("img [binary data URI: 822 chars]");
  });

  it("removes PEM private keys", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----";
    expect(redactSecrets(`key:\n${pem}\nafter`)).toBe(`key:\n${REDACTED}\nafter`);
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
      const output = redactSecrets(text);
      expect(output).not.toContain(token.split(".")[1]);
      expect(output).not.toContain(token.split(".")[2]);
      expect(output).toBe(text.replace(token, REDACTED));
    }
  });

  it("leaves words that merely start like a token alone", () => {
    const text = "twc1 is the confirmation format, see twc1.md and twc1.x";
    expect(redactSecrets(text)).toBe(text);
  });

  it("removes prefixed keys without any digit when they mix upper and lower case", () => {
    const key = "tw_canaryWithoutAnyDigitsAtAllXyzw";
    expect(redactSecrets(`search ${key} now`)).toBe(`search ${REDACTED} now`);
    expect(redactSecrets("sk_AbcdefGhijklmnopQrstu")).toBe(REDACTED);
  });

  it("keeps long snake_case and kebab-case identifiers that share a key prefix", () => {
    // A digit-less key must hold a capital; identifiers after these prefixes are lower case.
    const text = "tw_demo_admin_settings, sk_product_list_items_all and ghp-release-notes-overview";
    expect(redactSecrets(text)).toBe(text);
  });

  it("keeps scope names whose resource is a key word, and still removes values after the same words", () => {
    expect(redactSecrets("scopes: api_key:read, secret:write, person:read")).toBe(
      "scopes: api_key:read, secret:write, person:read",
    );
    expect(redactSecrets('{"scopes":["api_key:write","token:read"]}')).toBe(
      '{"scopes":["api_key:write","token:read"]}',
    );
    expect(redactSecrets("the key needs the api_key:write scope (api_key:read).")).toBe(
      "the key needs the api_key:write scope (api_key:read).",
    );
    expect(redactSecrets("api_key:abc123 password:hunter2 token: read api_key=read")).toBe(
      `api_key:${REDACTED} password:${REDACTED} token: ${REDACTED} api_key=${REDACTED}`,
    );
  });

  it("keeps the auth scheme readable when it follows an `Authorization:` header name", () => {
    expect(redactSecrets("request failed: Authorization: Bearer tw_live8f3K2j4h5gQ9 was refused")).toBe(
      `request failed: Authorization: Bearer ${REDACTED} was refused`,
    );
  });

  it("is pure: the same input gives the same output on repeated calls", () => {
    const text = "Bearer abc.def-123456 and https://admin:hunter2@db.example.com/x";
    expect(redactSecrets(text)).toBe(redactSecrets(text));
  });
});
