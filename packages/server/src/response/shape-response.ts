import type { ResponseFilter } from "@toolwright/core";

/**
 * The paths of a filter as a tree, built once per tool: each node says what happens to the value it
 * reaches (`end`: a path stops here) and where its children's paths go. `*` is kept apart so a key
 * looks up its own branch and the wildcard's, merged once and remembered.
 */
interface PathNode {
  end: boolean;
  keys: Map<string, PathNode>;
  star: PathNode | undefined;
  merged: Map<string, PathNode | undefined>;
}

function emptyNode(): PathNode {
  return { end: false, keys: new Map(), star: undefined, merged: new Map() };
}

function pathTree(paths: readonly string[]): PathNode {
  const root = emptyNode();
  for (const path of paths) {
    let node = root;
    for (const segment of path.split(".")) {
      if (segment === "*") {
        node.star ??= emptyNode();
        node = node.star;
      } else {
        const child = node.keys.get(segment) ?? emptyNode();
        node.keys.set(segment, child);
        node = child;
      }
    }
    node.end = true;
  }
  return root;
}

function mergeNodes(a: PathNode, b: PathNode): PathNode {
  const merged = emptyNode();
  merged.end = a.end || b.end;
  for (const [key, child] of a.keys) merged.keys.set(key, child);
  for (const [key, child] of b.keys) {
    const other = merged.keys.get(key);
    merged.keys.set(key, other ? mergeNodes(other, child) : child);
  }
  merged.star = a.star && b.star ? mergeNodes(a.star, b.star) : (a.star ?? b.star);
  return merged;
}

/** The branch the paths take under `key`: its own, the wildcard's, or both merged. */
function childNode(node: PathNode, key: string): PathNode | undefined {
  const own = node.keys.get(key);
  if (!node.star) return own;
  if (!own) return node.star;
  if (!node.merged.has(key)) node.merged.set(key, mergeNodes(own, node.star));
  return node.merged.get(key);
}

/** Sets a key as an own property, `__proto__` included (as `Object.fromEntries` does). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Keeps only what the paths reach; `*` walks every array item or object value. */
function project(value: unknown, node: PathNode): unknown {
  if (node.end) return value;
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const child = node.keys.size === 0 ? node.star : childNode(node, String(index));
      if (!child) continue;
      const projected = project(value[index], child);
      if (projected !== undefined) kept.push(projected);
    }
    return kept;
  }
  const kept: Record<string, unknown> = {};
  // for-in with an own-property check: Object.keys' order without an array of keys per object.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = childNode(node, key);
    if (!child) continue;
    const projected = project((value as Record<string, unknown>)[key], child);
    if (projected !== undefined) put(kept, key, projected);
  }
  return kept;
}

/** Removes what the paths reach. */
function omit(value: unknown, node: PathNode): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const child = node.keys.size === 0 ? node.star : childNode(node, String(index));
      if (child?.end) continue;
      kept.push(child ? omit(value[index], child) : value[index]);
    }
    return kept;
  }
  const kept: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = childNode(node, key);
    if (child?.end) continue;
    const item = (value as Record<string, unknown>)[key];
    put(kept, key, child ? omit(item, child) : item);
  }
  return kept;
}

/** Drops `null` object values at every depth (array items stay, so positions keep their meaning). */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (typeof value !== "object" || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    if (child !== null) put(kept, key, stripNulls(child));
  }
  return kept;
}

/** A response filter turned into one function, its paths parsed once. */
export type CompiledFilter = (value: unknown) => unknown;

/** Compiles a response filter: include or exclude dot paths, then strip nulls. */
export function compileFilter(filter: ResponseFilter): CompiledFilter {
  const include = filter.include ? pathTree(filter.include) : undefined;
  const exclude = filter.exclude ? pathTree(filter.exclude) : undefined;
  const strip = filter.strip_nulls;
  return (value) => {
    let result = value;
    if (include) result = project(result, include) ?? {};
    if (exclude) result = omit(result, exclude);
    return strip ? stripNulls(result) : result;
  };
}

/** Applies `transform` to each item of a list result (`results` array, or a bare array), else to the whole. */
export function mapItems(data: unknown, list: boolean, transform: (item: unknown) => unknown): unknown {
  if (!list) return transform(data);
  if (Array.isArray(data)) return data.map(transform);
  if (typeof data === "object" && data !== null && Array.isArray((data as { results?: unknown }).results)) {
    const page = data as { results: unknown[] };
    return { ...page, results: page.results.map(transform) };
  }
  return transform(data);
}
