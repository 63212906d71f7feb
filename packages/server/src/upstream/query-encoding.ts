import type { ArgumentBinding } from "@toolwright/core";

/** How one named value is serialised: the OpenAPI `style` and `explode`, and what `null` becomes. */
export interface PairSerialisation {
  style?: ArgumentBinding["style"];
  explode?: boolean | undefined;
  /** The text of a `null` value: `"null"` in a query, empty in a form body (read as "unset"). */
  nullText?: string;
}

function scalar(value: unknown, nullText: string): string {
  if (value === null) return nullText;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** `deepObject`: nested keys in brackets; arrays by index (`a[0]=x`), as Stripe-style APIs read them. */
function deepObjectPairs(prefix: string, value: unknown, nullText: string): Array<[string, string]> {
  if (Array.isArray(value))
    return value.flatMap((item, index) => deepObjectPairs(`${prefix}[${index}]`, item, nullText));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, child]) =>
      deepObjectPairs(`${prefix}[${key}]`, child, nullText),
    );
  }
  return value === undefined ? [] : [[prefix, scalar(value, nullText)]];
}

const DELIMITERS = { form: ",", simple: ",", spaceDelimited: " ", pipeDelimited: "|" } as const;

/**
 * Serialises one named value per OpenAPI `style`/`explode` (default `form`, exploded), the rule
 * query parameters and `application/x-www-form-urlencoded` body fields share: arrays repeat the name
 * or join with the style's delimiter; objects spread their keys or nest (`deepObject`).
 */
export function serialisePairs(
  name: string,
  value: unknown,
  serialisation: PairSerialisation = {},
): Array<[string, string]> {
  const style = serialisation.style ?? "form";
  const explode = serialisation.explode ?? style === "form";
  const nullText = serialisation.nullText ?? "null";
  if (style === "deepObject") return deepObjectPairs(name, value, nullText);
  const delimiter = DELIMITERS[style];
  if (Array.isArray(value)) {
    if (explode) return value.map((item) => [name, scalar(item, nullText)]);
    return [[name, value.map((item) => scalar(item, nullText)).join(delimiter)]];
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    if (explode) return entries.map(([key, child]) => [key, scalar(child, nullText)]);
    return [[name, entries.flatMap(([key, child]) => [key, scalar(child, nullText)]).join(delimiter)]];
  }
  return [[name, scalar(value, nullText)]];
}

/** Serialises one query argument per its binding's `style`/`explode`. */
export function queryPairs(binding: ArgumentBinding, value: unknown): Array<[string, string]> {
  return serialisePairs(binding.name, value, binding);
}
