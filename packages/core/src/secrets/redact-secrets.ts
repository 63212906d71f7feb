/** What replaces a credential in any text that leaves the process (error results, logs, events). */
export const REDACTED = "[REDACTED]";

// Shorter "secrets" would blank ordinary words (a test key may be very short); real keys are far longer.
const MIN_EXACT_SECRET_LENGTH = 4;

// Nothing shorter than the shortest pattern (`a://b:c@`) can hold a secret; skip the regex work.
const MIN_PATTERN_TEXT_LENGTH = 8;

// An opaque value has a digit or a capital; plain words after "key" or "token" stay readable.
const OPAQUE = /[0-9A-Z]/;

const SCHEME_WORDS = /bearer|basic|token|digest/i;
const AUTHORIZATION_WORD = /authorization/i;
// Spelled out rather than the `i` flag, which would make the capital test of OPAQUE_VALUE match anything.
const SCHEME_ANY_CASE = "[Bb]earer|BEARER|[Bb]asic|BASIC|[Tt]oken|TOKEN|[Dd]igest|DIGEST";
const REDACTED_ESCAPED = "\\[REDACTED\\]";
// A credential-shaped word: a digit or one of `_~+/=`, an inner `.`/`-` (not a sentence's full stop),
// or a capital after its first letter (`dXNlcjpw`). Plain words ("works", "endpoint.") are not.
const OPAQUE_VALUE =
  "(?=[A-Za-z0-9._~+/=-]*(?:[0-9_~+/=]|[.-][A-Za-z0-9])|[A-Za-z][a-z]*[A-Z])[A-Za-z0-9._~+/=-]{4,}";
const KEY_WORDS = /pass|secret|key|token|auth|cookie/i;
// The access half of a scope name (`resource:read`), with the punctuation that may close a sentence or a list.
const SCOPE_ACCESS = /^(?:read|write)[).\]]*$/;

const USERINFO = /[^\s/@:]+:[^\s/@]+@/y;

// Linear prefilter of the URL-credentials pattern: only a `://` followed by `user:password@` can match,
// and checking each `://` in place spares the regex its scheme scan at every word of a long text.
function hasUrlCredentials(text: string): boolean {
  for (let index = text.indexOf("://"); index !== -1; index = text.indexOf("://", index + 3)) {
    USERINFO.lastIndex = index + 3;
    if (USERINFO.test(text)) return true;
  }
  return false;
}

const LONG_RUN = 256;

// A base64-alphabet character: A-Z a-z 0-9 + / _ -
function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 47 ||
    code === 95 ||
    code === 45
  );
}

// Linear prefilter of the blob pattern. Any 256 consecutive positions hold exactly one index
// ≡ 255 (mod 256), so probing those and measuring the run around each finds every long run while
// reading a small part of an ordinary text.
function hasLongRun(text: string): boolean {
  for (let probe = LONG_RUN - 1; probe < text.length; probe += LONG_RUN) {
    if (!isBase64Char(text.charCodeAt(probe))) continue;
    let start = probe;
    while (start > 0 && isBase64Char(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < text.length && end - start < LONG_RUN && isBase64Char(text.charCodeAt(end))) end++;
    if (end - start >= LONG_RUN) return true;
  }
  return false;
}

// One scan for every word the word-triggered patterns need; a text without any (most tool results)
// skips them all.
const TRIGGER_WORDS =
  /bearer|basic|token|digest|authorization|twc1\.|eyJ|pass|secret|key|auth|cookie|AKIA|ASIA|PRIVATE KEY|;base64,|code=|sig=|signature=/i;

interface Replacement {
  /** A cheap test that must hold for the pattern to be able to match; it spares most regex runs. */
  when: (text: string) => boolean;
  /** False for the patterns that can match without any of TRIGGER_WORDS. */
  triggered?: false;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

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
    // `Authorization: Bearer <x>` echoed back, whatever <x> looks like.
    when: (text) => AUTHORIZATION_WORD.test(text),
    pattern:
      /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|Digest)\s+)[A-Za-z0-9._~+/=-]+/gi,
    replace: `$1${REDACTED}`,
  },
  {
    // A scheme word elsewhere takes only an opaque value, so prose ("the token works once") stays.
    when: (text) => SCHEME_WORDS.test(text),
    pattern: new RegExp(`\\b(${SCHEME_ANY_CASE})(\\s+)(?!${REDACTED_ESCAPED})${OPAQUE_VALUE}`, "g"),
    replace: `$1$2${REDACTED}`,
  },
  {
    // Toolwright confirmation tokens (`twc1.<payload>.<signature>`, base64url): a bearer capability to
    // run a confirmed destructive call, so never shown or recorded, whatever the length of its payload.
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
    // Prefixed API keys (Toolwright, Stripe/OpenAI, PostHog, GitHub, GitLab, Slack) with a digit or a
    // capital somewhere (random keys without a digit still mix cases): identifiers after these prefixes
    // are lower-case snake_case or kebab-case (`sk_product_list`, `tw_demo_admin_settings`) and stay readable.
    triggered: false,
    when: (text) => text.length >= 13,
    pattern:
      /\b(?:tw|sk|pk|rk|phx|phc|ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abposr])[-_](?=[A-Za-z0-9_-]*[0-9A-Z])[A-Za-z0-9_-]{10,}/g,
    replace: REDACTED,
  },
  {
    when: (text) => text.includes("AKIA") || text.includes("ASIA"),
    pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
    replace: REDACTED,
  },
  {
    // `scheme://user:password@host`: the user part can be a key too, so both go.
    triggered: false,
    when: hasUrlCredentials,
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
    // `password: x`, `"token": "..."`: any value after an explicit separator, however short. An auth
    // scheme word (`Authorization: Bearer …`) is not the secret; the scheme pattern above took its value.
    // A scope name (`api_key:read`, `secret:write`: a resource, a bare colon, an access word) is an
    // identifier and stays.
    when: (text) => (text.includes(":") || text.includes("=")) && KEY_WORDS.test(text),
    pattern:
      /\b(password|passwd|passphrase|secret|client[_-]?secret|api[_-]?key|apikey|token|access[_-]?token|refresh[_-]?token|auth[_-]?token|session[_-]?token|private[_-]?key|authorization|cookie)(["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic|Token|Digest)\s|(?:null|true|false)\b|[{[]|\[REDACTED\])([^\s"',;&}]+)/gi,
    replace: (match, word, separator, value) =>
      separator === ":" && SCOPE_ACCESS.test(value ?? "") ? match : `${word}${separator}${REDACTED}`,
  },
  {
    // `key <value>`, `token <value>` without a separator: only long opaque values, so prose stays readable.
    when: (text) => KEY_WORDS.test(text),
    pattern:
      /\b(api[_-]?key|apikey|key|token|access[_-]?token|secret|password|authorization)(["']?\s*[:=]?\s*["']?)([A-Za-z0-9._~+/=-]{16,})/gi,
    replace: (match, word, separator, value) =>
      OPAQUE.test(value ?? "") ? `${word}${separator}${REDACTED}` : match,
  },
  {
    triggered: false,
    when: (text) => text.length >= LONG_RUN && hasLongRun(text),
    // The lookbehind anchors a match at the start of a run, so the scan stays linear in the text.
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{256,}={0,2}/g,
    replace: (match) => `[base64 redacted: ${match.length} chars]`,
  },
];

/**
 * Removes credentials from text before it reaches an error result, a log line or an analytics event:
 * first every exact secret given (e.g. the caller's own key; entries shorter than 4 characters or
 * `undefined` are ignored), then anything shaped like a secret: PEM private keys, base64 data URIs and
 * large base64 blobs (replaced by their size), bearer/basic credentials, confirmation tokens (`twc1.…`),
 * JWTs, prefixed API keys, AWS access key ids, credentials in URLs, secret query parameters and
 * secret-looking `key=value` pairs. Pure: the same input always gives the same output.
 *
 * @param text - The text to clean.
 * @param exactSecrets - Values removed wherever they appear, even inside words.
 * @returns The text with every secret replaced by {@link REDACTED} (or a size marker for blobs).
 */
export function redactSecrets(text: string, exactSecrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of exactSecrets) {
    if (secret && secret.length >= MIN_EXACT_SECRET_LENGTH && result.includes(secret)) {
      result = result.split(secret).join(REDACTED);
    }
  }
  if (result.length < MIN_PATTERN_TEXT_LENGTH) return result;
  const triggered = TRIGGER_WORDS.test(result);
  for (const { when, pattern, replace, triggered: needsWord } of REPLACEMENTS) {
    if (needsWord !== false && !triggered) continue;
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
