import type { ResponseFilter } from "@toolwright/core";

type Path = readonly string[];

function matches(segment: string | undefined, key: string): boolean {
  return segment === "*" || segment === key;
}

function entriesOf(value: unknown): Array<[string, unknown]> {
  return Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value as object);
}

/** Keeps only what the paths reach; `*` walks every array item or object value. */
function project(value: unknown, paths: readonly Path[]): unknown {
  if (paths.some((path) => path.length === 0)) return value;
  if (typeof value !== "object" || value === null) return undefined;
  const kept: Array<[string, unknown]> = [];
  for (const [key, child] of entriesOf(value)) {
    const rest = paths.filter((path) => matches(path[0], key)).map((path) => path.slice(1));
    if (rest.length === 0) continue;
    const projected = project(child, rest);
    if (projected !== undefined) kept.push([key, projected]);
  }
  return Array.isArray(value) ? kept.map(([, child]) => child) : Object.fromEntries(kept);
}

/** Removes what the paths reach. */
function omit(value: unknown, paths: readonly Path[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  const kept: Array<[string, unknown]> = [];
  for (const [key, child] of entriesOf(value)) {
    const hits = paths.filter((path) => matches(path[0], key));
    if (hits.some((path) => path.length === 1)) continue;
    kept.push([
      key,
      hits.length === 0
        ? child
        : omit(
            child,
            hits.map((path) => path.slice(1)),
          ),
    ]);
  }
  return Array.isArray(value) ? kept.map(([, child]) => child) : Object.fromEntries(kept);
}

/** Drops `null` object values at every depth (array items stay, so positions keep their meaning). */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== null)
      .map(([key, child]) => [key, stripNulls(child)]),
  );
}

/** Applies a response filter to one object: include or exclude dot paths, then strip nulls. */
export function filterValue(value: unknown, filter: ResponseFilter): unknown {
  let result = value;
  if (filter.include)
    result =
      project(
        result,
        filter.include.map((path) => path.split(".")),
      ) ?? {};
  if (filter.exclude)
    result = omit(
      result,
      filter.exclude.map((path) => path.split(".")),
    );
  return filter.strip_nulls ? stripNulls(result) : result;
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
