import { describe, expect, it } from "vitest";
import {
  CONFIRMATION_TOKEN_ARGUMENT,
  type ConfirmationResult,
  createConfirmationToken,
  createMemoryReplayStore,
  verifyConfirmationToken,
} from "./confirmation.js";

const secret = "s".repeat(32);
const issuedAt = Date.UTC(2026, 10, 21, 10, 0, 0);
const args = {
  id: 7,
  filters: { properties: [{ type: "cohort", value: 10 }] },
  acknowledged_audience_count: 120,
};

async function prepare(overrides: { caller?: string; tool?: string; ttlSeconds?: number } = {}) {
  return createConfirmationToken({
    secret,
    tool: overrides.tool ?? "workflow-send-batch",
    caller: overrides.caller ?? "key-hash-alice",
    args,
    ttlSeconds: overrides.ttlSeconds ?? 300,
    now: issuedAt,
  });
}

function verify(token: string, overrides: Partial<Parameters<typeof verifyConfirmationToken>[0]> = {}) {
  return verifyConfirmationToken({
    secret,
    token,
    tool: "workflow-send-batch",
    caller: "key-hash-alice",
    replay: createMemoryReplayStore({ now: () => issuedAt }),
    now: issuedAt + 10_000,
    ...overrides,
  });
}

function failure(result: ConfirmationResult) {
  if (result.ok) throw new Error("expected the token to be refused");
  return result;
}

describe("confirmation tokens", () => {
  it("verifies a fresh token and returns the signed arguments", async () => {
    const { token, expiresAt } = await prepare();
    expect(expiresAt).toBe(issuedAt + 300_000);
    expect(token).toMatch(/^twc1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const result = await verify(token, { args: { ...args } });
    expect(result.ok && result.args).toEqual(args);
    expect(result.ok && result.payload).toMatchObject({
      tool: "workflow-send-batch",
      issuedAt,
      expiresAt,
    });
  });

  it("returns the signed arguments when execute sends none, and keys in any order match", async () => {
    const { token } = await prepare();
    const result = await verify(token);
    expect(result.ok && result.args).toEqual(args);
    const reordered = { acknowledged_audience_count: 120, filters: args.filters, id: 7 };
    expect((await verify((await prepare()).token, { args: reordered })).ok).toBe(true);
  });

  it("stores the caller only as a hash", async () => {
    const { token } = await prepare({ caller: "phx_secret_personal_key" });
    const body = Buffer.from(token.split(".")[1] as string, "base64url").toString("utf8");
    expect(body).not.toContain("phx_secret_personal_key");
  });

  it("rejects a replayed token on the same replay store", async () => {
    const { token } = await prepare();
    const replay = createMemoryReplayStore({ now: () => issuedAt });
    expect((await verify(token, { replay })).ok).toBe(true);
    const second = failure(await verify(token, { replay }));
    expect(second.reason).toBe("replayed");
    expect(second.message).toContain("already used");
    expect(replay.size()).toBe(1);
  });

  it("forgets used ids only after their token expired", async () => {
    let clock = issuedAt;
    const replay = createMemoryReplayStore({ now: () => clock });
    expect(await replay.claim("a", issuedAt + 1000)).toBe(true);
    expect(await replay.claim("a", issuedAt + 1000)).toBe(false);
    clock = issuedAt + 1000;
    expect(await replay.claim("b", issuedAt + 5000)).toBe(true);
    expect(replay.size()).toBe(1);
  });

  it("rejects an expired token", async () => {
    const { token, expiresAt } = await prepare({ ttlSeconds: 60 });
    expect((await verify(token, { now: expiresAt - 1 })).ok).toBe(true);
    const late = failure(await verify(token, { now: expiresAt }));
    expect(late.reason).toBe("expired");
    expect(late.message).toBe(
      "The confirmation token has expired. Call the tool again without a confirmation token to get a new one.",
    );
  });

  it("rejects the token of another caller", async () => {
    const { token } = await prepare({ caller: "key-hash-bob" });
    expect(failure(await verify(token)).reason).toBe("wrong_caller");
  });

  it("rejects a token issued for another tool, naming both", async () => {
    const { token } = await prepare({ tool: "workflow-archive" });
    const refused = failure(await verify(token));
    expect(refused.reason).toBe("wrong_tool");
    expect(refused.message).toContain("issued for 'workflow-archive', not 'workflow-send-batch'");
  });

  it("rejects changed arguments, including a nested change and an added argument", async () => {
    const { token } = await prepare();
    const replay = createMemoryReplayStore({ now: () => issuedAt });
    const nested = { ...args, filters: { properties: [{ type: "cohort", value: 11 }] } };
    expect(failure(await verify(token, { args: nested, replay })).reason).toBe("arguments_changed");
    expect(failure(await verify(token, { args: { ...args, extra: true }, replay })).reason).toBe(
      "arguments_changed",
    );
    // A refused attempt does not use up the token.
    expect((await verify(token, { args, replay })).ok).toBe(true);
  });

  it("rejects a tampered payload and a bad signature", async () => {
    const { token } = await prepare();
    const [prefix, body, signature] = token.split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, args: { ...args, id: 8 } })).toString(
      "base64url",
    );
    expect(failure(await verify(`${prefix}.${forged}.${signature}`)).reason).toBe("bad_signature");
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    expect(failure(await verify(`${prefix}.${body}.${flipped}`)).reason).toBe("bad_signature");
    const otherSecret = await createConfirmationToken({
      secret: "t".repeat(32),
      tool: "workflow-send-batch",
      caller: "key-hash-alice",
      args,
      ttlSeconds: 300,
      now: issuedAt,
    });
    expect(failure(await verify(otherSecret.token)).reason).toBe("bad_signature");
  });

  it("accepts one spelling per token: padding, stray characters and other trailing bits are refused", async () => {
    const { token } = await prepare();
    const [prefix, body, signature] = token.split(".") as [string, string, string];
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // A 32-byte signature is 43 characters whose last one carries 4 bits and 2 zero bits.
    const last = alphabet.indexOf(signature.at(-1) as string);
    const otherBits = `${signature.slice(0, -1)}${alphabet[last + 1]}`;
    expect(Buffer.from(otherBits, "base64url")).toEqual(Buffer.from(signature, "base64url"));
    const variants = [
      `${prefix}.${body}.${signature}=`,
      `${prefix}.${body}=.${signature}`,
      `${prefix}.${body}.${otherBits}`,
      `${prefix}.${body}.${signature.slice(0, 10)} ${signature.slice(10)}`,
      `${prefix}.${body}.${signature.replaceAll("-", "+").replaceAll("_", "/")}`,
    ].filter((variant) => variant !== token);
    for (const variant of variants) {
      expect(failure(await verify(variant)).reason, variant).toBe("malformed");
    }
    expect((await verify(token)).ok).toBe(true);
  });

  it.each([[""], ["not-a-token"], ["twc1.abc"], ["twc2.abc.def"], ["twc1.abc.def.ghi"]])(
    "rejects the malformed token %j",
    async (token) => {
      const refused = failure(await verify(token));
      expect(refused.reason).toBe("malformed");
      expect(refused.message).toContain("not one this server issued");
    },
  );

  it("rejects a correctly signed body that is not a payload", async () => {
    const body = Buffer.from(JSON.stringify({ hello: "world" })).toString("base64url");
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const signature = new Uint8Array(
      await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`twc1.${body}`)),
    );
    expect(failure(await verify(`twc1.${body}.${Buffer.from(signature).toString("base64url")}`)).reason).toBe(
      "malformed",
    );
  });

  it("requires a secret of at least 32 bytes, as text or bytes", async () => {
    await expect(
      createConfirmationToken({ secret: "short", tool: "t", caller: "c", args: {}, ttlSeconds: 60 }),
    ).rejects.toThrow("the confirmation secret must be at least 32 bytes");
    await expect(
      createConfirmationToken({
        secret: new Uint8Array(31),
        tool: "t",
        caller: "c",
        args: {},
        ttlSeconds: 60,
      }),
    ).rejects.toThrow(RangeError);
    const bytes = new Uint8Array(32).fill(1);
    const { token } = await createConfirmationToken({
      secret: bytes,
      tool: "t",
      caller: "c",
      args: {},
      ttlSeconds: 60,
    });
    const result = await verifyConfirmationToken({
      secret: bytes,
      token,
      tool: "t",
      caller: "c",
      replay: createMemoryReplayStore(),
    });
    expect(result.ok).toBe(true);
  });

  it("issues a different token each time, even for the same call", async () => {
    expect((await prepare()).token).not.toBe((await prepare()).token);
  });
});

describe("CONFIRMATION_TOKEN_ARGUMENT", () => {
  it("is the argument name every confirm tool takes (servers and generated schemas agree on it)", () => {
    expect(CONFIRMATION_TOKEN_ARGUMENT).toBe("confirmation_token");
  });
});
