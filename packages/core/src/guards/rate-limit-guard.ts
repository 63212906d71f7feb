import * as z from "zod";

/**
 * At most `limit` calls in any rolling window of `window_seconds`, counted per caller, per project
 * (every caller of one project together) or per tool (everyone together). The enforcer keeps the
 * counters in its state store; a refused call says when to retry. A caller without a project is
 * counted on its own under `per: project`.
 */
export const RateLimitGuardSchema = z.strictObject({
  type: z.literal("rate_limit"),
  per: z.enum(["caller", "project", "tool"]),
  limit: z.int().positive().max(100_000),
  window_seconds: z.int().min(1).max(86_400),
  message: z.string().min(1).optional(),
});
export type RateLimitGuard = z.infer<typeof RateLimitGuardSchema>;
