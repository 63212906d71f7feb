import * as z from "zod";
import { canonicalJson } from "../json/canonical-json.js";

/**
 * The optional argument a tool with a `confirm` guard takes: the first call (without it) returns a
 * summary and a token; the second call repeats the same arguments plus this token to run the tool.
 * Codegen puts it in every confirm tool's input schema; the server adds it only where a schema lacks it.
 */
export const CONFIRMATION_TOKEN_ARGUMENT = "confirmation_token";

const PREFIX = "twc1";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Records token ids once; `claim` is true only for the first use of an id (single-use tokens). */
export interface ReplayStore {
  claim(id: string, expiresAtMs: number): boolean | Promise<boolean>;
}

/** What a confirmation token carries; signed, so nothing in it can be altered. */
const ConfirmationPayloadSchema = z.strictObject({
  id: z.string().min(1),
  tool: z.string().min(1),
  caller: z.string().min(1),
  args: z.record(z.string(), z.unknown()),
  issuedAt: z.number(),
  expiresAt: z.number(),
});
export type ConfirmationPayload = z.infer<typeof ConfirmationPayloadSchema>;

export interface CreateConfirmationOptions {
  /** HMAC key from config; at least 32 bytes. */
  secret: string | Uint8Array;
  tool: string;
  /** A stable id of the caller (e.g. a hash of their key); stored only as a hash. */
  caller: string;
  args: Record<string, unknown>;
  ttlSeconds: number;
  now?: number;
}

export interface VerifyConfirmationOptions {
  secret: string | Uint8Array;
  token: string;
  tool: string;
  caller: string;
  /** Arguments sent with the token; when given they must equal the signed ones. */
  args?: Record<string, unknown>;
  replay: ReplayStore;
  now?: number;
}

export type ConfirmationFailureReason =
  | "malformed"
  | "bad_signature"
  | "expired"
  | "wrong_caller"
  | "wrong_tool"
  | "arguments_changed"
  | "replayed";

/** Verification outcome: the signed arguments to run, or why the token was refused. */
export type ConfirmationResult =
  | { ok: true; args: Record<string, unknown>; payload: ConfirmationPayload }
  | { ok: false; reason: ConfirmationFailureReason; message: string };

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/**
 * Decodes unpadded base64url only in its one canonical spelling: padding, characters outside the
 * alphabet and non-zero trailing bits are refused, so no second spelling of a token verifies.
 */
function fromCanonicalBase64Url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  return toBase64Url(bytes) === text ? bytes : null;
}

async function hmacKey(secret: string | Uint8Array): ReturnType<typeof crypto.subtle.importKey> {
  const raw = typeof secret === "string" ? encoder.encode(secret) : secret;
  if (raw.byteLength < 32) throw new RangeError("the confirmation secret must be at least 32 bytes");
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

/** Signs a single-use token bound to the caller, the tool and these exact arguments. */
export async function createConfirmationToken(
  options: CreateConfirmationOptions,
): Promise<{ token: string; expiresAt: number }> {
  const now = options.now ?? Date.now();
  const payload: ConfirmationPayload = {
    id: crypto.randomUUID(),
    tool: options.tool,
    caller: await sha256(options.caller),
    args: options.args,
    issuedAt: now,
    expiresAt: now + options.ttlSeconds * 1000,
  };
  const body = toBase64Url(encoder.encode(canonicalJson(payload)));
  const signature = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(options.secret),
    encoder.encode(`${PREFIX}.${body}`),
  );
  return {
    token: `${PREFIX}.${body}.${toBase64Url(new Uint8Array(signature))}`,
    expiresAt: payload.expiresAt,
  };
}

function fail(reason: ConfirmationFailureReason, message: string): ConfirmationResult {
  return { ok: false, reason, message };
}

async function readPayload(
  secret: string | Uint8Array,
  token: string,
): Promise<ConfirmationPayload | "malformed" | "bad_signature"> {
  const [prefix, body, signature, ...rest] = token.split(".");
  if (prefix !== PREFIX || !body || !signature || rest.length > 0) return "malformed";
  const signatureBytes = fromCanonicalBase64Url(signature);
  const bodyBytes = fromCanonicalBase64Url(body);
  if (!signatureBytes || !bodyBytes) return "malformed";
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret),
    signatureBytes,
    encoder.encode(`${PREFIX}.${body}`),
  );
  if (!valid) return "bad_signature";
  try {
    const parsed = ConfirmationPayloadSchema.safeParse(JSON.parse(decoder.decode(bodyBytes)));
    return parsed.success ? parsed.data : "malformed";
  } catch {
    return "malformed";
  }
}

/**
 * Checks a token against the caller, tool and (if resent) arguments, then claims it so it can never
 * run twice. On success returns the signed arguments: execute runs those, not the ones sent again.
 */
export async function verifyConfirmationToken(
  options: VerifyConfirmationOptions,
): Promise<ConfirmationResult> {
  const restart = "Call the tool again without a confirmation token to get a new one.";
  const payload = await readPayload(options.secret, options.token);
  if (payload === "malformed")
    return fail("malformed", `The confirmation token is not one this server issued. ${restart}`);
  if (payload === "bad_signature")
    return fail("bad_signature", `The confirmation token's signature is invalid. ${restart}`);
  if (payload.tool !== options.tool) {
    return fail(
      "wrong_tool",
      `This confirmation token was issued for '${payload.tool}', not '${options.tool}'. ${restart}`,
    );
  }
  if (payload.caller !== (await sha256(options.caller))) {
    return fail("wrong_caller", `This confirmation token was issued to another caller. ${restart}`);
  }
  if ((options.now ?? Date.now()) >= payload.expiresAt) {
    return fail("expired", `The confirmation token has expired. ${restart}`);
  }
  if (options.args !== undefined && canonicalJson(options.args) !== canonicalJson(payload.args)) {
    return fail("arguments_changed", `The arguments differ from the ones that were confirmed. ${restart}`);
  }
  if (!(await options.replay.claim(payload.id, payload.expiresAt))) {
    return fail("replayed", `This confirmation token was already used. ${restart}`);
  }
  return { ok: true, args: payload.args, payload };
}

/**
 * An in-process ReplayStore; replicas behind a load balancer need a shared one (e.g. Redis SET NX).
 * `now` must be the clock that verification uses: ids are forgotten once their token has expired by it.
 */
export function createMemoryReplayStore(
  options: { now?: () => number } = {},
): ReplayStore & { size(): number } {
  const used = new Map<string, number>();
  const clock = options.now ?? Date.now;
  return {
    claim(id, expiresAtMs) {
      const now = clock();
      for (const [key, expiry] of used) if (expiry <= now) used.delete(key);
      if (used.has(id)) return false;
      used.set(id, expiresAtMs);
      return true;
    },
    size: () => used.size,
  };
}
