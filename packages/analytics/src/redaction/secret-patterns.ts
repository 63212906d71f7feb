import { REDACTED, redactSecrets } from "@toolwright/core/internal";

/** What replaces a secret in any string that leaves the process. */
export { REDACTED };

/**
 * Removes secrets from one string: bearer tokens, prefixed API keys, JWTs, credentials in URLs,
 * secret-looking `key=value` pairs, PEM keys, large base64 blobs, plus every exact secret given
 * (the shared patterns of `@toolwright/core`'s `redactSecrets`). Short strings' results are cached.
 */
export function redactString(value: string, exactSecrets: readonly string[] = NO_SECRETS): string {
  if (value.length > MAX_CACHED_LENGTH) return redactSecrets(value, exactSecrets);
  let cache = caches.get(exactSecrets);
  if (!cache) {
    cache = new Map();
    caches.set(exactSecrets, cache);
  }
  const cached = cache.get(value);
  if (cached !== undefined) return cached;
  const result = redactSecrets(value, exactSecrets);
  if (cache.size >= MAX_CACHED_STRINGS) cache.clear();
  cache.set(value, result);
  return result;
}

const NO_SECRETS: readonly string[] = [];
const MAX_CACHED_LENGTH = 128;
const MAX_CACHED_STRINGS = 4096;
// Session ids, client names and event names recur in every event; their redaction is remembered
// per list of exact secrets (one list per recorder).
const caches = new WeakMap<readonly string[], Map<string, string>>();
