import type { DefinitionYaml } from "./definition-yaml.js";

/** A mapping or sequence being filled, and the column its entries start at. */
interface Frame {
  indent: number;
  value: Record<string, unknown> | unknown[];
}

/** A key written with nothing after its colon: its value is a nested block, or null when none follows. */
interface OpenKey {
  map: Record<string, unknown>;
  key: string;
  indent: number;
}

/** Why a scalar was not read: the text is outside the subset this reader takes. */
const OUTSIDE = Symbol("outside");
/** A key with no value on its line (a nested block may follow). */
const EMPTY = Symbol("empty");

// Keys: plain words only (no quotes, spaces or YAML-typed words), so the key is exactly its text.
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):( .*)?$/;
const TYPED_WORD = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const SMALL_INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
// Characters that may start a plain scalar this reader takes; everything else (indicators, digits
// other than a small integer, `.`, `+`, `~`) can mean something else in YAML, so it bails.
const PLAIN_START = /^[A-Za-z_/]/;
// Control characters other than the newline (tabs and CR included), NEL, the Unicode line and
// paragraph separators and a BOM: YAML versions and parsers disagree on some of them, so they bail.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const AFTER_QUOTE = /^(?: +(?:#.*)?)?$/;

/**
 * Reads the plain block YAML that `toolwright scaffold` writes and people usually keep: nested
 * block mappings and sequences of scalars, plain words, small integers, `true`/`false`/`null`,
 * quoted strings without escapes, comments and blank lines. One pass over the lines, with each
 * tool key's line as it goes. Anything else (flow collections, block text, anchors, tags, escapes,
 * numbers other than small integers, tabs, CRLF, several documents, duplicate keys) returns null,
 * and the caller reads the file with a full YAML parser: this is only a faster route to the same data.
 */
export function readBlockYaml(source: string): DefinitionYaml | null {
  if (UNUSUAL.test(source)) return null;
  const root: Record<string, unknown> = {};
  const stack: Frame[] = [{ indent: 0, value: root }];
  const toolLines: Record<string, number> = {};
  let tools: Record<string, unknown> | null = null;
  let open: OpenKey | null = null;
  let lineNumber = 0;
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf("\n", start);
    if (end === -1) end = source.length;
    const line = source.slice(start, end);
    start = end + 1;
    lineNumber++;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line.charCodeAt(indent) === 35 /* # */) continue;
    const content = line.slice(indent);
    const item = content.startsWith("- ");
    if (open) {
      const opened = openBlock(open, indent, item);
      if (opened) {
        stack.push(opened);
        if (open.map === root && open.key === "tools" && !Array.isArray(opened.value)) tools = opened.value;
      }
      open = null;
    }
    // Close the blocks this line is outside of; a sequence written at its key's column ends at the next key.
    let top = stack.at(-1);
    while (top && (top.indent > indent || (top.indent === indent && Array.isArray(top.value) && !item))) {
      stack.pop();
      top = stack.at(-1);
    }
    if (!top || top.indent !== indent) return null;
    if (item) {
      if (!Array.isArray(top.value)) return null;
      const value = scalar(content.slice(1));
      if (value === OUTSIDE || value === EMPTY) return null;
      top.value.push(value);
      continue;
    }
    if (Array.isArray(top.value)) return null;
    const match = KEY_LINE.exec(content);
    const key = match?.[1];
    if (key === undefined || TYPED_WORD.test(key) || key === "__proto__" || Object.hasOwn(top.value, key)) {
      return null;
    }
    const value = scalar(match?.[2] ?? "");
    if (value === OUTSIDE) return null;
    if (top.value === tools) toolLines[key] = lineNumber;
    if (value === EMPTY) {
      top.value[key] = null;
      open = { map: top.value, key, indent };
    } else top.value[key] = value;
  }
  // Only files with a `tools` mapping take this route; the rest go to the full reader, which words their problems.
  return tools ? { data: root, toolLines } : null;
}

/** The block that starts on this line under a key with no value, if the line is inside that key. */
function openBlock(open: OpenKey, indent: number, item: boolean): Frame | null {
  if (item ? indent < open.indent : indent <= open.indent) return null;
  const value = item ? [] : {};
  open.map[open.key] = value;
  return { indent, value };
}

/** The scalar after a key's colon or an item's dash (the text starts with its separating space). */
function scalar(text: string): unknown {
  const value = text.trimStart();
  if (value === "" || value.charCodeAt(0) === 35 /* # */) return EMPTY;
  if (value.length === text.length) return OUTSIDE;
  const first = value.charAt(0);
  if (first === '"') return doubleQuoted(value);
  if (first === "'") return singleQuoted(value);
  const comment = value.indexOf(" #");
  const plain = (comment === -1 ? value : value.slice(0, comment)).trimEnd();
  if (SMALL_INTEGER.test(plain)) return Number(plain);
  if (!PLAIN_START.test(plain) || plain.includes(": ") || plain.endsWith(":")) return OUTSIDE;
  if (TYPED_WORD.test(plain))
    return plain.startsWith("n") || plain.startsWith("N") ? null : /^t/i.test(plain);
  return plain;
}

function doubleQuoted(value: string): unknown {
  const close = value.indexOf('"', 1);
  if (close === -1) return OUTSIDE;
  const inner = value.slice(1, close);
  if (inner.includes("\\") || !AFTER_QUOTE.test(value.slice(close + 1))) return OUTSIDE;
  return inner;
}

function singleQuoted(value: string): unknown {
  let result = "";
  let position = 1;
  for (;;) {
    const quote = value.indexOf("'", position);
    if (quote === -1) return OUTSIDE;
    result += value.slice(position, quote);
    // `''` is an escaped quote inside the string; a single `'` closes it.
    if (value.charAt(quote + 1) === "'") {
      result += "'";
      position = quote + 2;
      continue;
    }
    if (!AFTER_QUOTE.test(value.slice(quote + 1))) return OUTSIDE;
    return result;
  }
}
