import { CONFIRMATION_TOKEN_ARGUMENT, type ObjectJsonSchema, type OperationBinding } from "@toolwright/core";
import { bindingPath } from "../upstream/build-request.js";

/**
 * The arguments that make the same tool fetch the page a list result's `next` URL points to. An
 * agent calls tools, not URLs (and the upstream's address need not reach it), so a `next` URL is
 * worth passing on only in this form. Null when the URL cannot be expressed as a call of this
 * tool: another path, a query parameter the tool has no argument for, or a value its schema rejects.
 *
 * The URL's query is taken as the whole query of the next call (upstreams repeat the filters in
 * it); path and header arguments are kept from the current call.
 */
export function nextPageArguments(
  next: string,
  binding: OperationBinding,
  inputSchema: ObjectJsonSchema,
  args: Record<string, unknown>,
): Record<string, unknown> | null {
  let url: URL;
  try {
    // Relative URLs are resolved against a placeholder origin: only the path and query are used.
    url = new URL(next, "http://upstream.invalid");
  } catch {
    return null;
  }
  if (!url.pathname.endsWith(bindingPath(binding, args))) return null;
  const result: Record<string, unknown> = {};
  for (const argument of binding.arguments) {
    if (argument.in !== "query" && args[argument.argument] !== undefined)
      result[argument.argument] = args[argument.argument];
  }
  for (const name of new Set(url.searchParams.keys())) {
    const argument = binding.arguments.find(
      (candidate) => candidate.in === "query" && candidate.name === name,
    );
    if (!argument) return null;
    const value = argumentValue(url.searchParams.getAll(name), inputSchema.properties?.[argument.argument]);
    if (value === undefined) return null;
    result[argument.argument] = value;
  }
  delete result[CONFIRMATION_TOKEN_ARGUMENT];
  return result;
}

/** A query value as the argument's schema types it; undefined when it does not fit. */
function argumentValue(values: string[], schema: unknown): unknown {
  const type =
    typeof schema === "object" && schema !== null ? (schema as { type?: unknown }).type : undefined;
  if (type === "array") {
    const items = (schema as { items?: unknown }).items;
    const converted = values.map((value) => scalarValue(value, items));
    return converted.includes(undefined) ? undefined : converted;
  }
  return values.length === 1 ? scalarValue(values[0] as string, schema) : undefined;
}

function scalarValue(value: string, schema: unknown): unknown {
  const type =
    typeof schema === "object" && schema !== null ? (schema as { type?: unknown }).type : undefined;
  if (type === "integer" || type === "number") {
    const number = value.trim() === "" ? Number.NaN : Number(value);
    if (!Number.isFinite(number) || (type === "integer" && !Number.isInteger(number))) return undefined;
    return number;
  }
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : undefined;
  return value;
}
