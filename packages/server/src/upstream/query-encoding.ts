import type { ArgumentBinding } from "@toolwright/core";

function scalar(value: unknown): string {
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

function deepObjectPairs(prefix: string, value: unknown): Array<[string, string]> {
  if (Array.isArray(value))
    return value.flatMap((item, index) => deepObjectPairs(`${prefix}[${index}]`, item));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => deepObjectPairs(`${prefix}[${key}]`, child));
  }
  return value === undefined ? [] : [[prefix, scalar(value)]];
}

const DELIMITERS = { form: ",", simple: ",", spaceDelimited: " ", pipeDelimited: "|" } as const;

/**
 * Serialises one query argument per OpenAPI `style`/`explode` (default `form`, exploded):
 * arrays repeat the name or join with the style's delimiter; objects spread their keys or nest (`deepObject`).
 */
export function queryPairs(binding: ArgumentBinding, value: unknown): Array<[string, string]> {
  const style = binding.style ?? "form";
  const explode = binding.explode ?? style === "form";
  if (style === "deepObject") return deepObjectPairs(binding.name, value);
  const delimiter = DELIMITERS[style];
  if (Array.isArray(value)) {
    if (explode) return value.map((item) => [binding.name, scalar(item)]);
    return [[binding.name, value.map(scalar).join(delimiter)]];
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    if (explode) return entries.map(([key, child]) => [key, scalar(child)]);
    return [[binding.name, entries.flatMap(([key, child]) => [key, scalar(child)]).join(delimiter)]];
  }
  return [[binding.name, scalar(value)]];
}
