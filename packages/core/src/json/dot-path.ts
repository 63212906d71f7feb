import * as z from "zod";

const SEGMENT = /^(\*|[A-Za-z0-9_$@-]+)$/;

/** A dot path into JSON (`filters.events`, `results.*.id`); `*` matches every array item or object value. */
export const DotPathSchema = z
  .string()
  .refine((value) => value.length > 0 && value.split(".").every((s) => SEGMENT.test(s)), {
    error: (issue) =>
      `invalid path '${String(issue.input)}': use dot-separated keys, with '*' for every item`,
  });

/** One value found at a path, with the concrete path it was found at. */
export interface PathMatch {
  path: string;
  value: unknown;
}

function children(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (typeof value === "object" && value !== null) return Object.entries(value);
  return [];
}

function ownChild(value: unknown, key: string): { found: boolean; value?: unknown } {
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return { found: false };
  return { found: true, value: (value as Record<string, unknown>)[key] };
}

/** Every value a dot path reaches in `root` (own properties only, so `__proto__` never resolves to a prototype). */
export function matchPath(root: unknown, path: string): PathMatch[] {
  let frontier: PathMatch[] = [{ path: "", value: root }];
  for (const segment of path.split(".")) {
    const next: PathMatch[] = [];
    for (const { path: at, value } of frontier) {
      const join = (key: string) => (at ? `${at}.${key}` : key);
      if (segment === "*") {
        for (const [key, child] of children(value)) next.push({ path: join(key), value: child });
        continue;
      }
      const child = ownChild(value, segment);
      if (child.found) next.push({ path: join(segment), value: child.value });
    }
    frontier = next;
  }
  return frontier;
}

/** The single value at a path without wildcards, or undefined. */
export function getPath(root: unknown, path: string): unknown {
  return matchPath(root, path)[0]?.value;
}
