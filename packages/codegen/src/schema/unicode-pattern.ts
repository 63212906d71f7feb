/** Characters that keep their backslash under the `u` flag (RegExp SyntaxCharacter, plus `/`). */
const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

/** True when a pattern compiles as JSON Schema validators compile it: an ECMAScript RegExp with the `u` flag. */
function isUnicodePattern(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/**
 * Rewrites a spec pattern written for a lenient engine so it means the same under the `u` flag:
 * identity escapes of ordinary characters (`\_`, `\-` outside a class, `\.` stays) lose their
 * backslash, and a brace or bracket that is not syntax gets one. Returns null when the result
 * still does not compile (inline flags, lookbehind in other dialects, `\Z`): the caller drops it.
 */
export function unicodePattern(pattern: string): string | null {
  if (isUnicodePattern(pattern)) return pattern;
  let output = "";
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === "\\" && index + 1 < pattern.length) {
      const next = pattern[++index] as string;
      const keep = /[A-Za-z0-9]/.test(next) || SYNTAX.has(next) || (inClass && next === "-");
      output += keep ? `\\${next}` : next;
    } else if (inClass) {
      if (char === "]") inClass = false;
      output += char;
    } else if (char === "[") {
      inClass = true;
      output += char;
      if (pattern[index + 1] === "^") output += pattern[++index];
      // A `]` first in a class is a literal in most engines.
      if (pattern[index + 1] === "]") output += `\\${pattern[++index]}`;
    } else if (char === "{" && !/^\{\d+(,\d*)?\}/.test(pattern.slice(index))) output += "\\{";
    else if (char === "}" && !/\{\d+(,\d*)?$/.test(output)) output += "\\}";
    else if (char === "]") output += "\\]";
    else output += char;
  }
  return isUnicodePattern(output) ? output : null;
}
