import { resolve } from "node:path";
import type { ServeConfig } from "@toolwright/core";
import { serverError } from "../server-error.js";
import type { FlagProvider } from "../visibility/flag-provider.js";
import { type LocalFlags, localFlagProvider, readFlagFile } from "../visibility/local-flag-provider.js";
import { type ClosableFlagProvider, postHogFlagProvider } from "../visibility/posthog-flag-provider.js";

/** The local table: the flags file, then `--flags` over it. Null when neither is set. */
function localTable(config: ServeConfig, cwd: string): LocalFlags | null {
  if (!config.flags && !config.flagsFile) return null;
  const fromFile = config.flagsFile ? readFlagFile(resolve(cwd, config.flagsFile)) : {};
  return { ...fromFile, ...config.flags };
}

/**
 * The feature flags `toolwright serve` evaluates: PostHog (`flagsProvider: "posthog"`, with the
 * project key, host and optional personal key for local evaluation), or the local table from
 * `flagsFile` and `flags`. With PostHog, flags the local table lists answer from the table (an
 * override for one server); others are asked of PostHog. Undefined when no flags are configured.
 */
export function serveFlags(
  config: ServeConfig,
  cwd: string,
): FlagProvider | ClosableFlagProvider | undefined {
  const table = localTable(config, cwd);
  if (config.flagsProvider !== "posthog") return table ? localFlagProvider(table) : undefined;
  if (!config.posthogKey) {
    throw serverError(
      "invalid_config",
      "--flags-provider posthog needs --posthog-key (or POSTHOG_API_KEY): the project API key the flags belong to",
      { key: "posthogKey" },
    );
  }
  const posthog = postHogFlagProvider({
    apiKey: config.posthogKey,
    ...(config.posthogHost ? { host: config.posthogHost } : {}),
    ...(config.posthogPersonalKey ? { personalApiKey: config.posthogPersonalKey } : {}),
  });
  if (!table) return posthog;
  const local = localFlagProvider(table);
  return {
    isEnabled: (key, caller) =>
      Object.hasOwn(table, key) ? local.isEnabled(key, caller) : posthog.isEnabled(key, caller),
    close: () => posthog.close(),
  };
}

/** Releases a provider's client (PostHog's pollers); other providers hold nothing. */
export async function closeFlags(flags: FlagProvider | undefined): Promise<void> {
  const close = (flags as Partial<ClosableFlagProvider> | undefined)?.close;
  if (close) await close.call(flags);
}
