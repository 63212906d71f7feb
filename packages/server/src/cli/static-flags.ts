import type { FlagProvider } from "../visibility/flag-provider.js";

/** Feature flags with one fixed value for every caller; a flag not listed cannot be evaluated. */
export function staticFlags(flags: Readonly<Record<string, boolean>>): FlagProvider {
  return { isEnabled: async (key) => (Object.hasOwn(flags, key) ? flags[key] : undefined) };
}
