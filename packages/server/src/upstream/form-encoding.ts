/**
 * Flattens a body into form fields the way Stripe-style APIs read them: nested objects as
 * `a[b]=c`, arrays as `a[0]=x`; `null` becomes an empty value (which such APIs read as "unset").
 */
function formFields(value: Record<string, unknown>): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const visit = (name: string, child: unknown) => {
    if (child === undefined) return;
    if (child === null) fields.push([name, ""]);
    else if (Array.isArray(child)) {
      for (const [index, item] of child.entries()) visit(`${name}[${index}]`, item);
    } else if (typeof child === "object") {
      for (const [key, nested] of Object.entries(child)) visit(`${name}[${key}]`, nested);
    } else fields.push([name, String(child)]);
  };
  for (const [key, child] of Object.entries(value)) visit(key, child);
  return fields;
}

/** Encodes a body as `application/x-www-form-urlencoded`. */
export function encodeForm(value: Record<string, unknown>): string {
  return new URLSearchParams(formFields(value)).toString();
}
