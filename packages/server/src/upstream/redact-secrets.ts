/** What replaces a credential in upstream text that is shown to the agent or logged. */
export const REDACTED = "[REDACTED]";

// Shorter "keys" would blank ordinary words (a test key may be very short); real keys are far longer.
const MIN_EXACT_SECRET_LENGTH = 4;

// An opaque value has a digit or a capital; plain words after "key" or "token" stay readable.
const OPAQUE = /[0-9A-Z]/;

const PATTERNS: readonly { pattern: RegExp; replace: (match: string, ...groups: string[]) => string }[] = [
  // `Authorization: Bearer <x>` echoed back, whatever <x> looks like.
  {
    pattern: /\b(Bearer|Basic|Token|Digest)(\s+)[A-Za-z0-9._~+/=-]{4,}/gi,
    replace: (_match, scheme, space) => `${scheme}${space}${REDACTED}`,
  },
  // Prefixed API keys (Toolwright, Stripe/OpenAI, PostHog, GitHub, GitLab, Slack) with a digit or a
  // capital somewhere: snake_case names such as `sk_product_list` stay readable.
  {
    pattern:
      /\b(?:tw|sk|pk|rk|phx|phc|ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abposr])[-_](?=[A-Za-z0-9_-]*[0-9A-Z])[A-Za-z0-9_-]{10,}/g,
    replace: () => REDACTED,
  },
  // A long opaque value after a key/token/secret word: `api_key=...`, `"token": "..."`, `key ...`.
  {
    pattern:
      /\b(api[_-]?key|apikey|key|token|access[_-]?token|secret|password|authorization)(["']?\s*[:=]?\s*["']?)([A-Za-z0-9._~+/=-]{16,})/gi,
    replace: (match, word, separator, value) =>
      OPAQUE.test(value ?? "") ? `${word}${separator}${REDACTED}` : match,
  },
];

/**
 * Removes credentials from upstream text before it reaches an error result or a log line: every exact
 * secret given (the caller's own key), then anything shaped like a bearer token or an API key.
 */
export function redactSecrets(text: string, exactSecrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of exactSecrets) {
    if (secret && secret.length >= MIN_EXACT_SECRET_LENGTH) result = result.split(secret).join(REDACTED);
  }
  for (const { pattern, replace } of PATTERNS) result = result.replace(pattern, replace);
  return result;
}
