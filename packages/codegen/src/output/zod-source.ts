import { isRecord } from "@toolwright/core/internal";

/** Turns a `#/$defs/Name` reference into the identifier of that definition's Zod schema. */
export type DefIdentifier = (defName: string) => string;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Zod source text for a JSON Schema, for static types in hand-written code. It covers the shapes
 * codegen emits (types, enums, objects, arrays, unions, `$ref`s); anything else is `z.unknown()`.
 * Runtime validation of arguments uses the JSON Schema itself, so this errs on the permissive side.
 */
export function zodSource(schema: unknown, defIdentifier: DefIdentifier): string {
  if (schema === true || !isRecord(schema)) return schema === false ? "z.never()" : "z.unknown()";
  if (typeof schema.$ref === "string") return refSource(schema.$ref, defIdentifier);
  const variants = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants))
    return unionSource(variants.map((variant) => zodSource(variant, defIdentifier)));
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => zodSource(part, defIdentifier));
    return parts.reduce((left, right) => `z.intersection(${left}, ${right})`);
  }
  if (schema.const !== undefined)
    return isLiteral(schema.const) ? `z.literal(${JSON.stringify(schema.const)})` : "z.unknown()";
  if (Array.isArray(schema.enum)) return enumSource(schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) return schema.properties ? objectSource(schema, defIdentifier) : "z.unknown()";
  const nullable = types.includes("null");
  const others = types
    .filter((type) => type !== "null")
    .map((type) => typeSource(String(type), schema, defIdentifier));
  const base = others.length === 0 ? "z.null()" : unionSource(others);
  return nullable && others.length > 0 ? `${base}.nullable()` : base;
}

function refSource(ref: string, defIdentifier: DefIdentifier): string {
  const prefix = "#/$defs/";
  return ref.startsWith(prefix) ? defIdentifier(ref.slice(prefix.length)) : "z.unknown()";
}

function typeSource(type: string, schema: Record<string, unknown>, defIdentifier: DefIdentifier): string {
  switch (type) {
    case "string":
      return "z.string()";
    case "integer":
      return "z.number().int()";
    case "number":
      return "z.number()";
    case "boolean":
      return "z.boolean()";
    case "array":
      return `z.array(${schema.items === undefined ? "z.unknown()" : zodSource(schema.items, defIdentifier)})`;
    case "object":
      return objectSource(schema, defIdentifier);
    default:
      return "z.unknown()";
  }
}

function objectSource(schema: Record<string, unknown>, defIdentifier: DefIdentifier): string {
  const properties = isRecord(schema.properties) ? Object.entries(schema.properties) : [];
  const extra = schema.additionalProperties;
  if (properties.length === 0) {
    const values = isRecord(extra) ? zodSource(extra, defIdentifier) : "z.unknown()";
    return extra === false ? "z.strictObject({})" : `z.record(z.string(), ${values})`;
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const fields = properties.map(([name, value]) => {
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    const source = zodSource(value, defIdentifier);
    return `${key}: ${required.has(name) ? source : `${source}.optional()`}`;
  });
  return `${extra === false ? "z.strictObject" : "z.looseObject"}({ ${fields.join(", ")} })`;
}

function enumSource(values: unknown[]): string {
  const nonNull = values.filter((value) => value !== null);
  const nullable = nonNull.length < values.length ? ".nullable()" : "";
  if (nonNull.length === 0) return "z.null()";
  if (nonNull.every((value) => typeof value === "string")) {
    return `z.enum([${nonNull.map((value) => JSON.stringify(value)).join(", ")}])${nullable}`;
  }
  const literals = nonNull.map((value) =>
    isLiteral(value) ? `z.literal(${JSON.stringify(value)})` : "z.unknown()",
  );
  return `${unionSource(literals)}${nullable}`;
}

function unionSource(parts: string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? (unique[0] as string) : `z.union([${unique.join(", ")}])`;
}

function isLiteral(value: unknown): boolean {
  return value === null || ["number", "boolean", "string"].includes(typeof value);
}
