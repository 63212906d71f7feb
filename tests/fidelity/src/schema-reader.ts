/** A spec schema or reference, as found in the document. */
export type Schema = unknown;

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads the parts of spec schemas the wire checks need: local `$ref`s followed, `allOf` merged. */
export class SchemaReader {
  constructor(private readonly document: Record<string, unknown>) {}

  /** The value behind a local `$ref` (followed repeatedly), or the value itself. */
  resolve(value: unknown): unknown {
    let current = value;
    for (let depth = 0; isNode(current) && typeof current.$ref === "string" && depth < 32; depth++) {
      const pointer = current.$ref;
      if (!pointer.startsWith("#/")) return current;
      current = pointer
        .slice(2)
        .split("/")
        .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), this.document);
    }
    return current;
  }

  /** The schema's type: its `type` (the first non-null one), `object` when it only lists properties. */
  typeOf(schema: Schema): string | undefined {
    const node = this.resolve(schema);
    if (!isNode(node)) return undefined;
    const type = Array.isArray(node.type) ? node.type.find((entry) => entry !== "null") : node.type;
    if (typeof type === "string") return type;
    return node.properties !== undefined ? "object" : undefined;
  }

  /** The schema of one top-level property, looking through `allOf`. */
  property(schema: Schema, name: string): Schema | undefined {
    const node = this.resolve(schema);
    if (!isNode(node)) return undefined;
    if (isNode(node.properties) && name in node.properties) return node.properties[name];
    for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
      const found = this.property(part, name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Every documented top-level property name, or null when the schema allows keys it does not list. */
  propertyNames(schema: Schema, depth = 0): Set<string> | null {
    const node = this.resolve(schema);
    if (!isNode(node) || depth > 16) return null;
    if (node.oneOf !== undefined || node.anyOf !== undefined) return null;
    const names = new Set(isNode(node.properties) ? Object.keys(node.properties) : []);
    for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
      const partNames = this.propertyNames(part, depth + 1);
      if (!partNames) return null;
      for (const name of partNames) names.add(name);
    }
    const open = isNode(node.additionalProperties) || node.additionalProperties === true;
    return names.size === 0 || open || node.patternProperties !== undefined ? null : names;
  }
}
