import type { ArgumentBinding } from "@toolwright/core";
import { serialisePairs } from "./query-encoding.js";

/** A body field's serialisation (`style`, `explode`) by its wire name, from the body's `encoding`. */
export type FieldEncodingLookup = (name: string) => Pick<ArgumentBinding, "style" | "explode"> | undefined;

/**
 * Encodes a body as `application/x-www-form-urlencoded`, each field by the OpenAPI rule its encoding
 * states: the default `form` style repeats an array's name (`a=x&a=y`), `deepObject` nests in
 * brackets (`a[b]=c`, `a[0]=x`). `null` becomes an empty value, which form APIs read as "unset".
 */
export function encodeForm(
  value: Record<string, unknown>,
  encodingOf: FieldEncodingLookup = () => undefined,
): string {
  const pairs = Object.entries(value).flatMap(([name, child]) =>
    child === undefined ? [] : serialisePairs(name, child, { ...encodingOf(name), nullText: "" }),
  );
  return new URLSearchParams(pairs).toString();
}
