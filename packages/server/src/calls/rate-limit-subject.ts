import type { RateLimitSubject } from "@toolwright/core";
import type { CallerInfo } from "../catalog/tool-context.js";

/** Who a `rate_limit` guard counts: the caller's id and, when introspection named one, the project id. */
export function rateLimitSubject(caller: CallerInfo): RateLimitSubject {
  const project = caller.project?.id;
  return {
    caller: caller.id,
    project: typeof project === "string" || typeof project === "number" ? project : null,
  };
}
