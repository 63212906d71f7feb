import { REDACTED, redactSecrets as redactSecretText } from "@toolwright/core";

/** What replaces a credential in upstream text that is shown to the agent or logged. */
export { REDACTED };

/**
 * Removes credentials from upstream text before it reaches an error result or a log line: every exact
 * secret given (the caller's own key, however ordinary it looks), then anything shaped like a secret
 * (the shared patterns of `@toolwright/core`'s `redactSecrets`).
 */
export function redactSecrets(text: string, exactSecrets: readonly (string | undefined)[] = []): string {
  return redactSecretText(text, exactSecrets);
}
