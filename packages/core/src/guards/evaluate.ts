import { coreError, isToolwrightError, type ToolwrightError } from "../errors/toolwright-error.js";
import { canonicalJson } from "../json/canonical-json.js";
import { getPath, matchPath, type PathMatch } from "../json/dot-path.js";
import type {
  AcknowledgedCountGuard,
  AllowValuesGuard,
  Guard,
  GuardLookup,
  GuardType,
  GuardValue,
  RejectFieldsGuard,
  RequireStateGuard,
} from "./guard.js";
import { type RateLimiter, type RateLimitSubject, rateLimitKey, rateLimitMessage } from "./rate-limit.js";
import type { RateLimitGuard } from "./rate-limit-guard.js";
import { resolveParams } from "./templates.js";

/** Performs a named operation for a guard (an upstream HTTP call in the MCP server, a direct query in the API). */
export type GuardCall = (operation: string, params: Record<string, unknown>) => Promise<unknown>;

/** What a guard is evaluated against. */
export interface GuardContext {
  /** The tool (or endpoint) being called, for messages. */
  tool: string;
  /** The call's arguments, already validated against the input schema. */
  args: Record<string, unknown>;
  call: GuardCall;
  /** Counts calls for `rate_limit` guards; without one such a guard fails closed. */
  rateLimiter?: RateLimiter;
  /** Who calls, for `rate_limit` buckets; required by those guards. */
  subject?: RateLimitSubject;
}

/** Why a guard said no. */
export type GuardRejectionReason =
  | "count_missing"
  | "count_drift"
  | "count_over_max"
  | "state_not_allowed"
  | "value_not_allowed"
  | "field_forbidden"
  | "rate_limited"
  | "lookup_failed";

/** A guard's refusal: which guard, why, and a message that tells the agent what to do next. */
export interface GuardRejection {
  guard: GuardType;
  reason: GuardRejectionReason;
  message: string;
  details: Record<string, unknown>;
}

/**
 * The outcome of evaluating guards: pass, or the first rejection (guards fail fast). A pass carries
 * the confirm guard's target as fetched, when it has one (for the summary the user is shown).
 */
export type GuardResult = { ok: true; confirmTarget?: unknown } | { ok: false; rejection: GuardRejection };

type Lookup = (lookup: GuardLookup, scope: Record<string, unknown>) => Promise<unknown>;

const PASS: GuardResult = { ok: true };

function reject(
  guard: GuardType,
  reason: GuardRejectionReason,
  message: string,
  details: Record<string, unknown> = {},
): GuardResult {
  return { ok: false, rejection: { guard, reason, message, details } };
}

function show(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : (JSON.stringify(value) ?? "nothing");
}

function listAllowed(allowed: readonly GuardValue[]): string {
  return allowed.map(show).join(", ");
}

/** Thrown inside evaluation when a lookup cannot run; turned into a `lookup_failed` rejection. */
class LookupFailure extends Error {}

/** Memoises lookups for one evaluation so guards that read the same target fetch it once. */
function createLookup(call: GuardCall): Lookup {
  const cache = new Map<string, Promise<unknown>>();
  return (lookup, scope) => {
    const { params, missing } = resolveParams(lookup.params, scope);
    if (missing.length > 0) {
      throw new LookupFailure(
        `'${lookup.operation}' needs ${missing.map((path) => `'${path}'`).join(", ")}, which the call did not provide`,
      );
    }
    const key = canonicalJson([lookup.operation, params]);
    let pending = cache.get(key);
    if (!pending) {
      pending = call(lookup.operation, params);
      cache.set(key, pending);
    }
    return pending;
  };
}

async function acknowledgedCount(
  guard: AcknowledgedCountGuard,
  context: GuardContext,
  lookup: Lookup,
): Promise<GuardResult> {
  if (!matchesWhere(context.args, guard.when)) return PASS;
  const acknowledged = context.args[guard.argument];
  const operation = guard.count.operation;
  if (typeof acknowledged !== "number" || !Number.isInteger(acknowledged)) {
    return reject(
      guard.type,
      "count_missing",
      guard.message ??
        `'${context.tool}' needs '${guard.argument}': get the current ${guard.noun} size (${operation}), show it to the user, and pass that number as '${guard.argument}'.`,
      { argument: guard.argument },
    );
  }
  const current = getPath(await lookup(guard.count, { args: context.args }), guard.count.field);
  if (typeof current !== "number") {
    throw new LookupFailure(`'${operation}' returned no number at '${guard.count.field}'`);
  }
  const details = { acknowledged, current, max: guard.max ?? null };
  if (guard.max !== undefined && current > guard.max) {
    return reject(
      guard.type,
      "count_over_max",
      `The ${guard.noun} is ${current}, above the limit of ${guard.max} for '${context.tool}'. Narrow the ${guard.noun} and try again.`,
      details,
    );
  }
  if (current !== acknowledged) {
    return reject(
      guard.type,
      "count_drift",
      `The ${guard.noun} is now ${current}, you acknowledged ${acknowledged}; show the user the new number and, if they agree, call again with ${guard.argument}=${current}.`,
      details,
    );
  }
  return PASS;
}

async function requireState(
  guard: RequireStateGuard,
  context: GuardContext,
  lookup: Lookup,
): Promise<GuardResult> {
  const target = await lookup(guard.target, { args: context.args });
  const found = matchPath(target, guard.field).map((match) => match.value);
  const value = found.length === 1 ? found[0] : found;
  if (found.length > 0 && found.every((item) => guard.allowed.includes(item as GuardValue))) return PASS;
  return reject(
    guard.type,
    "state_not_allowed",
    guard.message ??
      `'${context.tool}' needs ${guard.field} to be ${listAllowed(guard.allowed)}, but it is ${show(value)}.`,
    { field: guard.field, value: value ?? null, allowed: guard.allowed },
  );
}

function matchesWhere(value: unknown, where: Record<string, GuardValue> | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([key, expected]) => getPath(value, key) === expected);
}

async function allowValuesIn(guard: AllowValuesGuard, source: unknown, where: string): Promise<GuardResult> {
  for (const match of matchPath(source, guard.field)) {
    if (!guard.allowed.includes(match.value as GuardValue)) {
      return reject(
        guard.type,
        "value_not_allowed",
        guard.message ??
          `${where}${guard.field} is ${show(match.value)}; allowed: ${listAllowed(guard.allowed)}.`,
        { field: guard.field, value: match.value ?? null, allowed: guard.allowed },
      );
    }
  }
  return PASS;
}

async function allowValues(
  guard: AllowValuesGuard,
  context: GuardContext,
  lookup: Lookup,
): Promise<GuardResult> {
  const items: Array<{ scope: Record<string, unknown>; value: unknown; label: string }> = guard.each
    ? matchPath(context.args, guard.each.path)
        .filter((match) => matchesWhere(match.value, guard.each?.where))
        .map((match: PathMatch) => ({
          scope: { args: context.args, item: match.value },
          value: match.value,
          label: `${match.path}: `,
        }))
    : [{ scope: { args: context.args }, value: context.args, label: "" }];
  for (const item of items) {
    const source = guard.target ? await lookup(guard.target, item.scope) : item.value;
    if (guard.target && matchPath(source, guard.field).length === 0) {
      throw new LookupFailure(`'${guard.target.operation}' returned no '${guard.field}'`);
    }
    const result = await allowValuesIn(guard, source, item.label);
    if (!result.ok) return result;
  }
  return PASS;
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

function rejectFields(guard: RejectFieldsGuard, context: GuardContext): GuardResult {
  for (const path of guard.fields) {
    const hit = matchPath(context.args, path).find(
      (match) => isPresent(match.value) && matchesWhere(match.value, guard.where),
    );
    if (hit) return reject(guard.type, "field_forbidden", guard.message, { field: hit.path });
  }
  return PASS;
}

async function rateLimit(guard: RateLimitGuard, context: GuardContext): Promise<GuardResult> {
  if (!context.rateLimiter || !context.subject) {
    throw new LookupFailure("no rate-limit store is configured for this enforcer");
  }
  const key = rateLimitKey(context.tool, guard, context.subject);
  const decision = await context.rateLimiter.hit(key, guard.limit, guard.window_seconds * 1000);
  if (decision.allowed) return PASS;
  const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return reject(guard.type, "rate_limited", rateLimitMessage(context.tool, guard, decision.retryAfterMs), {
    retry_after_seconds: retryAfterSeconds,
    limit: guard.limit,
    window_seconds: guard.window_seconds,
    per: guard.per,
  });
}

async function evaluateOne(guard: Guard, context: GuardContext, lookup: Lookup): Promise<GuardResult> {
  switch (guard.type) {
    case "acknowledged_count":
      return acknowledgedCount(guard, context, lookup);
    case "require_state":
      return requireState(guard, context, lookup);
    case "allow_values":
      return allowValues(guard, context, lookup);
    case "reject_fields":
      return rejectFields(guard, context);
    case "rate_limit":
      return rateLimit(guard, context);
    case "confirm":
      // Confirmation changes the call's flow (prepare, then execute; see confirmation.ts). Its target
      // must exist: a failed fetch rejects like any lookup.
      return guard.target
        ? { ok: true, confirmTarget: await lookup(guard.target, { args: context.args }) }
        : PASS;
  }
}

function lookupFailureMessage(error: unknown): string {
  if (error instanceof LookupFailure || isToolwrightError(error)) return error.message;
  return "the lookup failed";
}

/**
 * Evaluates guards in order and stops at the first rejection. Pure over `context.call`, so an MCP
 * server and the product API enforce the same rules. A failing lookup rejects (fail closed).
 */
export async function evaluateGuards(guards: readonly Guard[], context: GuardContext): Promise<GuardResult> {
  const lookup = createLookup(context.call);
  let passed: GuardResult = PASS;
  for (const guard of guards) {
    let result: GuardResult;
    try {
      result = await evaluateOne(guard, context, lookup);
    } catch (error) {
      const cause = lookupFailureMessage(error);
      // The cause may already end a sentence (e.g. an upstream message); never double the period.
      const ending = /[.!?]$/.test(cause) ? "" : ".";
      result = reject(
        guard.type,
        "lookup_failed",
        `Could not check the ${guard.type} guard of '${context.tool}', so the call was not made: ${cause}${ending}`,
        { cause },
      );
    }
    if (!result.ok) return result;
    if (result.confirmTarget !== undefined) passed = result;
  }
  return passed;
}

/** A rejection as a `guard_rejected` ToolwrightError, for code paths that throw. */
export function guardRejectionError(
  rejection: GuardRejection,
  tool?: string,
): ToolwrightError<"guard_rejected"> {
  return coreError("guard_rejected", rejection.message, {
    ...(tool === undefined ? {} : { tool }),
    details: { guard: rejection.guard, reason: rejection.reason, ...rejection.details },
  });
}
