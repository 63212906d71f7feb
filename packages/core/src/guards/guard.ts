import * as z from "zod";
import { DotPathSchema } from "../json/dot-path.js";
import { RateLimitGuardSchema } from "./rate-limit-guard.js";

/**
 * An operation reference: an operationId (GitHub's use `/`, as in `repos/get`) or, for operations
 * without one, `METHOD /path` exactly as in the spec (`GET /alerts/{id}`).
 */
const OPERATION_REFERENCE =
  /^(?:[A-Za-z_][A-Za-z0-9_./-]*|(?:GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE) \/[^\s]*)$/;

/** A literal a guard compares against. */
export const GuardValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type GuardValue = z.infer<typeof GuardValueSchema>;

/**
 * A lookup the enforcer performs: an operation (operationId or `METHOD /path`) and its params;
 * values may use `{args.x}` or `{item.x}`.
 */
export const GuardLookupSchema = z.strictObject({
  operation: z.string().regex(OPERATION_REFERENCE, {
    error: "operation must be an OpenAPI operationId or 'METHOD /path' (e.g. 'GET /alerts/{id}')",
  }),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type GuardLookup = z.infer<typeof GuardLookupSchema>;

const message = z.string().min(1).optional();

/**
 * The caller must echo a count it showed the user; the enforcer recomputes it and rejects drift or a
 * count above `max`. With `when`, only calls whose arguments have those values (e.g. `status: active`).
 */
export const AcknowledgedCountGuardSchema = z.strictObject({
  type: z.literal("acknowledged_count"),
  when: z.record(z.string(), GuardValueSchema).optional(),
  argument: z.string().regex(/^acknowledged_[a-z][a-z0-9_]*_count$/, {
    error: "argument must be named 'acknowledged_<what>_count'",
  }),
  count: GuardLookupSchema.extend({ field: DotPathSchema }),
  max: z.int().positive().optional(),
  noun: z.string().min(1).default("audience"),
  message,
});

/** The target, fetched through a lookup, must have a field in an allowed set (e.g. status `active`). */
export const RequireStateGuardSchema = z.strictObject({
  type: z.literal("require_state"),
  target: GuardLookupSchema,
  field: DotPathSchema,
  allowed: z.array(GuardValueSchema).min(1),
  message,
});

/** Every value found must be in an allowlist: in the arguments, or in a fetched target (`target`), optionally per item (`each`). */
export const AllowValuesGuardSchema = z.strictObject({
  type: z.literal("allow_values"),
  field: DotPathSchema,
  allowed: z.array(GuardValueSchema).min(1),
  target: GuardLookupSchema.optional(),
  each: z
    .strictObject({
      path: DotPathSchema,
      where: z.record(z.string(), GuardValueSchema).optional(),
    })
    .optional(),
  message,
});

/** Argument shapes that are forbidden: any value present at one of these paths rejects the call. */
export const RejectFieldsGuardSchema = z.strictObject({
  type: z.literal("reject_fields"),
  fields: z.array(DotPathSchema).min(1),
  where: z.record(z.string(), GuardValueSchema).optional(),
  message: z.string().min(1),
});

/**
 * Two-step confirmation: prepare returns a signed single-use token bound to caller, tool and exact
 * arguments. With `target`, what the call acts on is fetched first, on both steps: a target that
 * cannot be fetched (e.g. already deleted) ends the call before any token is handed out or anything
 * runs, and `summary` can quote it as `{target.<path>}` so the user sees what they confirm.
 */
export const ConfirmGuardSchema = z.strictObject({
  type: z.literal("confirm"),
  summary: z.string().min(1).optional(),
  target: GuardLookupSchema.optional(),
  ttl_seconds: z.int().min(10).max(3600).default(300),
});

/** A declarative guard, evaluable from YAML and from code. */
export const GuardSchema = z.discriminatedUnion("type", [
  AcknowledgedCountGuardSchema,
  RequireStateGuardSchema,
  AllowValuesGuardSchema,
  RejectFieldsGuardSchema,
  ConfirmGuardSchema,
  RateLimitGuardSchema,
]);

export type AcknowledgedCountGuard = z.infer<typeof AcknowledgedCountGuardSchema>;
export type RequireStateGuard = z.infer<typeof RequireStateGuardSchema>;
export type AllowValuesGuard = z.infer<typeof AllowValuesGuardSchema>;
export type RejectFieldsGuard = z.infer<typeof RejectFieldsGuardSchema>;
export type ConfirmGuard = z.infer<typeof ConfirmGuardSchema>;
export type Guard = z.infer<typeof GuardSchema>;
/** A guard as written (defaults not yet applied). */
export type GuardInput = z.input<typeof GuardSchema>;
export type GuardType = Guard["type"];
