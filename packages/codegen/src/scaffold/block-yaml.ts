/**
 * Writes plain data (objects, arrays, strings, numbers, booleans, null) as block-style YAML, the
 * way people write definition files: two-space indentation, strings plain where YAML reads them back
 * as the same string, double-quoted (JSON escapes, which YAML shares) otherwise. Used for what
 * scaffold and sync write; loading the full YAML library only to print starter files cost more
 * than the rest of `scaffold` on large specs. Property-tested against the `yaml` and `js-yaml` parsers.
 */
export function blockYaml(value: Record<string, unknown>, comment?: string): string {
  const lines: string[] = [];
  if (comment !== undefined) {
    // Every line break YAML knows (1.1's too) starts a new comment line: text after one must not become data.
    for (const line of comment.split(/\r\n|[\r\n\u0085\u2028\u2029]/)) lines.push(line ? `# ${line}` : "#");
    lines.push("");
  }
  if (Object.values(value).some((child) => child !== undefined)) writeMap(value, "", lines);
  else lines.push("{}");
  return `${lines.join("\n")}\n`;
}

function writeMap(map: Record<string, unknown>, indent: string, lines: string[]): void {
  for (const [key, child] of Object.entries(map)) {
    if (child === undefined) continue;
    const head = `${indent}${scalarString(key)}:`;
    if (isBlock(child)) {
      lines.push(head);
      writeBlock(child, `${indent}  `, lines);
    } else lines.push(`${head} ${inline(child)}`);
  }
}

function writeSequence(items: readonly unknown[], indent: string, lines: string[]): void {
  for (const item of items) {
    if (!isBlock(item)) {
      lines.push(`${indent}- ${inline(item)}`);
      continue;
    }
    // The item's first line shares the dash; the rest line up under it.
    const nested: string[] = [];
    writeBlock(item, `${indent}  `, nested);
    lines.push(`${indent}- ${(nested[0] ?? "").slice(indent.length + 2)}`, ...nested.slice(1));
  }
}

function writeBlock(value: object, indent: string, lines: string[]): void {
  if (Array.isArray(value)) writeSequence(value, indent, lines);
  else writeMap(value as Record<string, unknown>, indent, lines);
}

/** Non-empty objects and arrays are written as blocks; everything else on the key's line. */
function isBlock(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
}

function inline(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "[]";
  switch (typeof value) {
    case "string":
      return scalarString(value);
    case "boolean":
      return String(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
      return String(value);
    case "object":
      return "{}";
    default:
      throw new Error(`cannot write a ${typeof value} as YAML`);
  }
}

/** Not space, not a YAML indicator: what a plain scalar may start with (PLAIN_CHARACTERS checks the rest). */
const PLAIN_START = /^[^\s\-?:,[\]{}#&*!|>'"%@`]/;
/** Printable ASCII and the printable Basic Multilingual Plane, no tab or line break. */
const PLAIN_CHARACTERS = /^[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]*$/;
/** A comment (` #`), a key separator (`: `), trailing space or colon, or a document marker. */
const AMBIGUOUS = /: | #|[\s:]$|^(?:---|\.\.\.)/;
/**
 * Strings a YAML reader (1.2 core schema, or 1.1 for older readers and js-yaml's timestamps) would
 * read as another type: null, booleans, numbers, sexagesimals, dates, merge and value keys.
 */
const NOT_STRINGS =
  /^(?:~|null|true|false|yes|no|on|off|y|n|<<|=|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[-+]?\.(?:inf|nan)|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$/i;

/** A string as a YAML scalar: plain when that reads back the same, else double-quoted. */
function scalarString(value: string): string {
  const plain =
    PLAIN_START.test(value) &&
    PLAIN_CHARACTERS.test(value) &&
    !AMBIGUOUS.test(value) &&
    !NOT_STRINGS.test(value);
  if (plain) return value;
  // JSON's escapes are valid in YAML double quotes; also escape what YAML does not allow raw there.
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
