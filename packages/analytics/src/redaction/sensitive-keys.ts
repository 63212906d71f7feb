// Normalised (lower case, letters and digits only) fragments that mark a key as holding a secret.
const SENSITIVE_FRAGMENTS = [
  "authorization",
  "cookie",
  "password",
  "passwd",
  "passphrase",
  "secret",
  "apikey",
  "accesskey",
  "privatekey",
  "credential",
  "token",
  "signature",
  "bearer",
  "sessionkey",
] as const;

const SENSITIVE_EXACT = new Set(["auth", "pin", "otp", "key", "pwd"]);

// The same few keys recur in every event; remembering the answer spares the string work.
const cache = new Map<string, boolean>();
const MAX_CACHED_KEYS = 2000;

/** True when a property name says its value is a secret (`Authorization`, `api_key`, `x-auth-token`...). */
export function isSensitiveKey(key: string): boolean {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  const sensitive =
    SENSITIVE_EXACT.has(normalized) || SENSITIVE_FRAGMENTS.some((fragment) => normalized.includes(fragment));
  if (cache.size < MAX_CACHED_KEYS) cache.set(key, sensitive);
  return sensitive;
}
