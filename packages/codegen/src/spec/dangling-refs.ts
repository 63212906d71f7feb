import { resolvePointer } from "./local-ref.js";

/** A local `$ref` whose target does not exist, and where in the spec it is written. */
export interface DanglingRef {
  ref: string;
  /** JSON pointer of the object that holds the `$ref` (`#/paths/~1pets/post/requestBody/…`). */
  usedAt: string;
}

/**
 * Every local `$ref` in the document that points nowhere, in document order. Only run once a build
 * has met one, so a valid spec never pays for walking the whole document.
 */
export function findDanglingRefs(document: unknown): DanglingRef[] {
  const found: DanglingRef[] = [];
  const stack: Array<{ value: unknown; pointer: string }> = [{ value: document, pointer: "#" }];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop() as { value: unknown; pointer: string };
    if (typeof value !== "object" || value === null) continue;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#") && !resolves(document, ref))
      found.push({ ref, usedAt: pointer });
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, child] = entries[index] as [string, unknown];
      stack.push({ value: child, pointer: `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}` });
    }
  }
  return found;
}

function resolves(document: unknown, ref: string): boolean {
  try {
    resolvePointer(document, ref);
    return true;
  } catch {
    return false;
  }
}

/** One line per dangling reference: what it names and where it is used. */
export function describeDanglingRefs(refs: readonly DanglingRef[]): string {
  const lines = refs.map((entry) => `  '${entry.ref}' (used at ${entry.usedAt}) does not exist`);
  return `${refs.length} dangling reference(s):\n${lines.join("\n")}`;
}
