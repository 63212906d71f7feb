import { isRecord } from "@toolwright/core/internal";
import { codegenError } from "../codegen-error.js";

// Large specs reference the same few parameters and schemas thousands of times.
const resolved = new WeakMap<object, Map<string, unknown>>();

/** Reads the value a local JSON pointer (`#/components/schemas/Pet`) names in a bundled document. */
export function resolvePointer(document: unknown, ref: string): unknown {
  const cache = typeof document === "object" && document !== null ? cachedPointers(document) : null;
  if (cache?.has(ref)) return cache.get(ref);
  const value = walkPointer(document, ref);
  cache?.set(ref, value);
  return value;
}

function cachedPointers(document: object): Map<string, unknown> {
  let cache = resolved.get(document);
  if (!cache) {
    cache = new Map();
    resolved.set(document, cache);
  }
  return cache;
}

function walkPointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) {
    throw codegenError("invalid_spec", `reference '${ref}' is not local to the bundled spec`, {
      key: ref,
    });
  }
  let current: unknown = document;
  const tokens = ref === "#" || ref === "#/" ? [] : ref.slice(2).split("/");
  for (const raw of tokens) {
    const token = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof current !== "object" || current === null || !(token in current)) {
      throw codegenError("invalid_spec", `dangling reference '${ref}': '${token}' does not exist`, {
        key: ref,
      });
    }
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** Follows `$ref` links (parameters, request bodies, schemas) until a value without `$ref`. */
export function followRefs(document: unknown, value: unknown): unknown {
  let current = value;
  const seen = new Set<string>();
  while (isRecord(current) && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) {
      throw codegenError("invalid_spec", `reference cycle through '${current.$ref}' has no schema`, {
        key: current.$ref,
      });
    }
    seen.add(current.$ref);
    current = resolvePointer(document, current.$ref);
  }
  return current;
}
