import type { CallerInfo } from "../catalog/tool-context.js";
import { serverError } from "../server-error.js";
import type { FlagProvider } from "./flag-provider.js";

/** The part of a `posthog-node` client the provider uses. */
export interface PostHogFlagClient {
  isFeatureEnabled(
    key: string,
    distinctId: string,
    options?: { groups?: Record<string, string>; sendFeatureFlagEvents?: boolean },
  ): Promise<boolean | undefined>;
  shutdown(): Promise<void> | void;
}

/** Options of `postHogFlagProvider`. */
export interface PostHogFlagProviderOptions {
  /** The PostHog project API key (`phc_...`) the flags belong to. */
  apiKey: string;
  /** PostHog host; default `https://us.i.posthog.com`. */
  host?: string;
  /** A personal API key with flag read access: flags are then evaluated locally from polled definitions. */
  personalApiKey?: string;
  /** How long one answer (flag, caller) is reused; default 30 000 ms. Failures are not cached. */
  cacheTtlMs?: number;
  /** The distinct id flags are evaluated for; default the caller's project id, else the caller id. */
  distinctId?: (caller: CallerInfo) => string;
  /** Group analytics: groups for the evaluation; default `{ project: <project id> }` when there is one. */
  groups?: (caller: CallerInfo) => Record<string, string> | undefined;
  /** A ready client (tests, or a shared instance); otherwise one is created from `posthog-node`. */
  client?: PostHogFlagClient;
  /** Time source for the cache, in ms. */
  now?: () => number;
}

/** A flag provider that also releases its client. */
export interface ClosableFlagProvider extends FlagProvider {
  close(): Promise<void>;
}

const projectOf = (caller: CallerInfo): string | undefined => {
  const id = caller.project?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
};

async function createClient(options: PostHogFlagProviderOptions): Promise<PostHogFlagClient> {
  let module: typeof import("posthog-node");
  try {
    module = await import("posthog-node");
  } catch (error) {
    throw serverError(
      "invalid_config",
      "the PostHog flag provider needs the 'posthog-node' package: add it to your dependencies",
      { cause: error },
    );
  }
  return new module.PostHog(options.apiKey, {
    ...(options.host ? { host: options.host } : {}),
    ...(options.personalApiKey ? { personalApiKey: options.personalApiKey } : {}),
    // Flag checks only: no events are captured, so nothing waits to be flushed.
    flushAt: 1,
    disableGeoip: true,
  });
}

/**
 * Feature flags from PostHog through `posthog-node`: the flags endpoint per evaluation, or local
 * evaluation when a personal API key is given. Answers are cached per flag and caller; a failure
 * (PostHog unreachable, unknown flag) is `undefined`, so `enable` tools stay hidden and `disable`
 * tools shown, as with every provider.
 */
export function postHogFlagProvider(options: PostHogFlagProviderOptions): ClosableFlagProvider {
  const ttl = options.cacheTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { value: boolean; expires: number }>();
  let client: Promise<PostHogFlagClient> | undefined = options.client
    ? Promise.resolve(options.client)
    : undefined;
  const distinctId = options.distinctId ?? ((caller) => projectOf(caller) ?? caller.id);
  const groups =
    options.groups ??
    ((caller) => {
      const project = projectOf(caller);
      return project === undefined ? undefined : { project };
    });
  return {
    async isEnabled(key, caller) {
      const id = distinctId(caller);
      const cacheKey = `${key}\u0000${id}`;
      const cached = cache.get(cacheKey);
      if (cached && cached.expires > now()) return cached.value;
      client ??= createClient(options);
      const callerGroups = groups(caller);
      // Visibility checks are not product usage: no `$feature_flag_called` events are sent.
      const value = await (await client).isFeatureEnabled(key, id, {
        sendFeatureFlagEvents: false,
        ...(callerGroups ? { groups: callerGroups } : {}),
      });
      if (typeof value === "boolean") cache.set(cacheKey, { value, expires: now() + ttl });
      else cache.delete(cacheKey);
      return value;
    },
    async close() {
      if (client) await (await client).shutdown();
    },
  };
}
