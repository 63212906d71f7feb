/** The JSON Schema of a body field by its wire name, if the tool's input schema describes it. */
export type FieldSchemaLookup = (name: string) => Record<string, unknown> | undefined;

function isBinary(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return false;
  return schema.contentEncoding === "base64" || schema.format === "byte" || schema.format === "binary";
}

function appendValue(
  form: FormData,
  name: string,
  value: unknown,
  schema: Record<string, unknown> | undefined,
) {
  if (value === undefined || value === null) return;
  if (typeof value === "string" && isBinary(schema)) {
    const type =
      typeof schema?.contentMediaType === "string" ? schema.contentMediaType : "application/octet-stream";
    form.append(name, new Blob([Buffer.from(value, "base64")], { type }), name);
  } else if (typeof value === "object") form.append(name, JSON.stringify(value));
  else form.append(name, String(value));
}

/**
 * Builds a multipart body. Fields the input schema marks as base64 (`contentEncoding: base64`,
 * `format: byte|binary`) are decoded and sent as files; arrays repeat the field.
 */
export function encodeMultipart(fields: Record<string, unknown>, schemaOf: FieldSchemaLookup): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    const schema = schemaOf(name);
    if (Array.isArray(value)) {
      const items = schema?.items as Record<string, unknown> | undefined;
      for (const item of value) appendValue(form, name, item, items ?? schema);
    } else appendValue(form, name, value, schema);
  }
  return form;
}
