import type { CallerResolution } from "../callers/caller.js";

/** Where a credential came from, for limits per client; transports fill in what they know. */
export interface ResolutionContext {
  /** The client's network address (e.g. the socket's remote address). */
  client?: string | undefined;
}

/** Any caller resolver (API key introspection, JWT, …), as the state wrappers see it. */
export type ResolveCaller = (
  key: string | undefined,
  context?: ResolutionContext,
) => Promise<CallerResolution>;
