import { evaluateGuards, type GuardRejectionReason, type RateLimiter } from "@toolwright/core";
import { errorFactory } from "@toolwright/core/internal";
import type { AnyRoute, RouteContext, RouteInput } from "../routes/route.js";
import { ApiError } from "./api-error.js";
import { requireScopes } from "./authenticate.js";

/** The demo API's own error code: a guard's lookup could not run (the guard then rejects, fail closed). */
type DemoApiErrorCode = "lookup_failed";

const demoApiError = errorFactory<DemoApiErrorCode>();

/** HTTP status of each guard rejection: state conflicts are 409, limits 422, bad input 400. */
const STATUS_BY_REASON: Record<GuardRejectionReason, number> = {
  state_not_allowed: 409,
  count_drift: 409,
  count_over_max: 422,
  count_missing: 400,
  value_not_allowed: 400,
  field_forbidden: 400,
  rate_limited: 429,
  lookup_failed: 400,
};

/** Runs another operation directly (no HTTP, same caller and project), for guard lookups. */
export type InternalCall = (
  context: RouteContext,
  operationId: string,
  params: Record<string, unknown>,
) => unknown;

/** Lookup params split by where the route reads them: its path names, else its body (or query). */
function lookupInput(route: AnyRoute, params: Record<string, unknown>) {
  const pathNames = new Set(
    [...route.path.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1]),
  );
  const inPath = Object.fromEntries(Object.entries(params).filter(([name]) => pathNames.has(name)));
  const rest = Object.fromEntries(Object.entries(params).filter(([name]) => !pathNames.has(name)));
  return {
    params: route.params ? route.params.parse(inPath) : {},
    query: route.query ? route.query.parse(route.body ? {} : rest) : {},
    body: route.body ? route.body.parse(rest) : undefined,
  };
}

/** Builds the internal call from the route table: lookups run the same handlers, validation and 404s as HTTP. */
export function createInternalCall(routes: readonly AnyRoute[]): InternalCall {
  const byOperation = new Map(routes.map((route) => [route.operationId, route]));
  return (context, operationId, params) => {
    const route = byOperation.get(operationId);
    if (!route) throw demoApiError("lookup_failed", `unknown operation '${operationId}'`);
    try {
      // A lookup needs the caller's scopes like any request: guards never reveal what the key could not read.
      requireScopes(context.caller, route.scopes, operationId);
      const input: RouteInput<unknown, unknown, unknown> = lookupInput(route, params);
      route.load?.(context, input);
      const result = route.handler(context, input);
      return route.response ? route.response.parse(result) : result;
    } catch (error) {
      const detail = error instanceof ApiError ? error.message : "the lookup was invalid";
      throw demoApiError("lookup_failed", `${operationId} ${JSON.stringify(params)}: ${detail}`);
    }
  };
}

/** Evaluates the route's core guards against the merged arguments; a rejection becomes a `guard_rejected` error. */
export async function enforceGuards(
  route: AnyRoute,
  context: RouteContext,
  input: RouteInput<unknown, unknown, unknown>,
  internalCall: InternalCall,
  rateLimiter: RateLimiter,
): Promise<void> {
  if (!route.guards || route.guards.length === 0) return;
  const args = {
    ...(input.query as Record<string, unknown>),
    ...(input.body as Record<string, unknown> | undefined),
    ...(input.params as Record<string, unknown>),
  };
  const result = await evaluateGuards(route.guards, {
    tool: route.operationId,
    args,
    call: async (operation, params) => internalCall(context, operation, params),
    rateLimiter,
    subject: { caller: String(context.caller.keyId), project: context.caller.projectId },
  });
  if (result.ok) return;
  const { rejection } = result;
  const retryAfter = rejection.details.retry_after_seconds;
  throw new ApiError(
    STATUS_BY_REASON[rejection.reason],
    "guard_rejected",
    rejection.message,
    { reason: rejection.reason, details: { guard: rejection.guard, ...rejection.details } },
    typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {},
  );
}
