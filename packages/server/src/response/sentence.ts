// Ends with a full stop, question or exclamation mark, or ellipsis, possibly inside quotes or brackets.
const ENDS_SENTENCE = /[.!?…]["')\]]*$/;
// Dangling separators an upstream message may end with (`Not found:`), dropped before the full stop.
const DANGLING = /[\s,;:]+$/;

/**
 * Makes text one finished sentence, whatever it ends with: `"not found"` and `"not found."` both
 * become `"not found."`. Messages from upstreams, guards and core are embedded in ours this way, so a
 * sentence is never left open nor closed twice (`"..project.. Check"`).
 */
export function asSentence(text: string): string {
  const trimmed = text.replace(DANGLING, "").trim();
  if (trimmed === "") return "";
  return ENDS_SENTENCE.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Joins sentences with one space, each finished exactly once; empty parts are skipped. */
export function joinSentences(...parts: readonly string[]): string {
  return parts
    .map(asSentence)
    .filter((part) => part !== "")
    .join(" ");
}
