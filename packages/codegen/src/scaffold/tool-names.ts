import { MAX_TOOL_NAME_LENGTH } from "@toolwright/core";
import type { SpecOperation } from "../spec/operations.js";

const FILLER_WORDS = new Set(["a", "an", "the", "for", "of", "to", "in", "by", "with", "and", "on", "from"]);

/** The words of an operationId (`repos/get-content`, `GetCustomersCustomer`) or of method and path. */
export function operationWords(
  operation: Pick<SpecOperation, "id" | "hasOperationId" | "method" | "path">,
): string[] {
  const source = operation.hasOperationId ? operation.id : `${operation.method} ${operation.path}`;
  return source
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A valid, readable tool name for an operation, unique among `taken` (which it joins). Long names
 * are shortened by dropping a plural that repeats the next word (`customers-customer`), then
 * filler words, then trailing words; a number is appended only when two names would collide.
 */
export function uniqueToolName(
  operation: Pick<SpecOperation, "id" | "hasOperationId" | "method" | "path">,
  taken: Set<string>,
): string {
  const base = shorten(operationWords(operation)) || "operation";
  let name = base;
  for (let counter = 2; taken.has(name); counter++) {
    const suffix = `-${counter}`;
    name = `${base.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
  }
  taken.add(name);
  return name;
}

function shorten(words: string[]): string {
  let current = words;
  const fits = () => current.join("-").length <= MAX_TOOL_NAME_LENGTH;
  if (fits()) return current.join("-");
  current = current.filter((word, index) => {
    const next = current[index + 1];
    return !(next && (word === next || word === `${next}s` || word === `${next}es`));
  });
  if (fits()) return current.join("-");
  current = current.filter((word, index) => index === 0 || !FILLER_WORDS.has(word));
  while (!fits() && current.length > 1) current = current.slice(0, -1);
  return current.join("-").slice(0, MAX_TOOL_NAME_LENGTH).replace(/-+$/, "");
}
