/** What replaces a secret in any string that leaves the process. */
export const REDACTED = "[REDACTED]";

interface Replacement {
  /** A cheap test that must hold for the pattern to be able to match; it spares most regex runs. */
  when: (text: string) => boolean;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

const SCHEME_WORDS = /bearer|basic|token|digest/i;
const KEY_WORDS = /pass|secret|key|token|auth|cookie/i;

// Order matters: whole-structure patterns (PEM, data URIs) run before the token-shaped ones.
const REPLACEMENTS: readonly Replacement[] = [
  {
    when: (text) => text.includes("PRIVATE KEY-----"),
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: REDACTED,
  },
  {
    when: (text) => text.includes(";base64,"),
    pattern: /data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+/g,
    replace: (match) => `[binary data URI: ${match.length} chars]`,
  },
  {
    when: (text) => SCHEME_WORDS.test(text),
    pattern: /\b(Bearer|Basic|Token|Digest)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi,
    replace: `$1$2${REDACTED}`,
  },
  {
    // Toolwright confirmation tokens (`twc1.<payload>.<signature>`, base64url): a bearer capability to
    // run a confirmed destructive call, so never recorded, whatever the length of its payload.
    when: (text) => text.includes("twc1."),
    pattern: /\btwc1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
    replace: REDACTED,
  },
  {
    when: (text) => text.includes("eyJ"),
    pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
    replace: REDACTED,
  },
  {
    // Prefixed API keys (Toolwright, Stripe/OpenAI, PostHog, GitHub, GitLab, Slack) holding a digit;
    // the digit look-ahead keeps ordinary snake_case words such as `sk_product_list` intact.
    when: (text) => text.length >= 15,
    pattern:
      /\b(?:tw|sk|pk|rk|phx|phc|ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abposr])[-_](?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{12,}/g,
    replace: REDACTED,
  },
  {
    // The same prefixed keys without any digit (random base64url sometimes has none): 20+ characters
    // mixing upper and lower case. Identifiers after such prefixes are snake_case or kebab-case
    // (`tw_demo_admin_settings`, `sk_product_list_items`), so requiring both cases keeps them intact.
    when: (text) => text.length >= 20,
    pattern:
      /\b(?:tw|sk|pk|rk|phx|phc|ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abposr])[-_](?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{17,}/g,
    replace: REDACTED,
  },
  {
    when: (text) => text.includes("AKIA") || text.includes("ASIA"),
    pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
    replace: REDACTED,
  },
  {
    when: (text) => text.includes("://"),
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi,
    replace: `$1${REDACTED}@`,
  },
  {
    when: (text) => text.includes("="),
    pattern:
      /([?&;](?:api[_-]?key|apikey|key|token|access[_-]?token|refresh[_-]?token|secret|client[_-]?secret|password|passwd|sig|signature|auth|code)=)[^&#\s"']+/gi,
    replace: `$1${REDACTED}`,
  },
  {
    when: (text) => (text.includes(":") || text.includes("=")) && KEY_WORDS.test(text),
    pattern:
      /\b(password|passwd|passphrase|secret|client[_-]?secret|api[_-]?key|apikey|token|access[_-]?token|refresh[_-]?token|auth[_-]?token|session[_-]?token|private[_-]?key|authorization|cookie)(["']?\s*[:=]\s*["']?)([^\s"',;&}]+)/gi,
    replace: `$1$2${REDACTED}`,
  },
  {
    when: (text) => text.length >= 256,
    pattern: /[A-Za-z0-9+/_-]{256,}={0,2}/g,
    replace: (match) => `[base64 redacted: ${match.length} chars]`,
  },
];

/**
 * Removes secrets from one string: bearer tokens, prefixed API keys, JWTs, credentials in URLs,
 * secret-looking `key=value` pairs, PEM keys, large base64 blobs, plus every exact secret given.
 */
export function redactString(value: string, exactSecrets: readonly string[] = NO_SECRETS): string {
  if (value.length > MAX_CACHED_LENGTH) return redactUncached(value, exactSecrets);
  let cache = caches.get(exactSecrets);
  if (!cache) {
    cache = new Map();
    caches.set(exactSecrets, cache);
  }
  const cached = cache.get(value);
  if (cached !== undefined) return cached;
  const result = redactUncached(value, exactSecrets);
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

function redactUncached(value: string, exactSecrets: readonly string[]): string {
  let result = value;
  for (const secret of exactSecrets) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  // Nothing shorter than the shortest pattern can hold a secret; skip the regex work.
  if (result.length < 8) return result;
  for (const { when, pattern, replace } of REPLACEMENTS) {
    if (!when(result)) continue;
    pattern.lastIndex = 0;
    if (!pattern.test(result)) continue;
    pattern.lastIndex = 0;
    result =
      typeof replace === "string"
        ? result.replace(pattern, replace)
        : result.replace(pattern, replace as (match: string) => string);
  }
  return result;
}
