import { resolvePointer } from "../spec/local-ref.js";
import { type ConvertContext, convertSchema } from "./convert-schema.js";
import type { JsonSchema } from "./json-schema.js";

/** A converted schema and the spec `$ref`s it points at directly. */
export interface ConvertedSchema {
  schema: JsonSchema | boolean;
  refs: ReadonlySet<string>;
}

interface SharedSchema extends ConvertedSchema {
  name: string;
}

const COMPONENT_PREFIX = "#/components/schemas/";

/**
 * Converts each shared (referenced) spec schema once per run and hands every tool only the `$defs`
 * it reaches. Converting once and referencing, instead of inlining per operation, keeps memory flat
 * on large specs and makes circular schemas work.
 */
export class SchemaRegistry {
  private readonly shared = new Map<string, SharedSchema>();
  private readonly usedNames = new Set<string>();
  /** Spec patterns left out because no `u`-flag equivalent exists, each with a count (for lint). */
  readonly droppedPatterns = new Map<string, number>();

  constructor(
    private readonly document: unknown,
    private readonly openapi30: boolean,
  ) {}

  /** Converts a schema found in an operation, collecting the refs it uses. */
  convert(schema: unknown): ConvertedSchema {
    const refs = new Set<string>();
    const context: ConvertContext = {
      openapi30: this.openapi30,
      reference: (ref) => {
        refs.add(ref);
        return `#/$defs/${this.ensure(ref).name}`;
      },
      droppedPattern: (pattern) =>
        this.droppedPatterns.set(pattern, (this.droppedPatterns.get(pattern) ?? 0) + 1),
    };
    return { schema: convertSchema(schema, context), refs };
  }

  /** The `$defs` name of a spec reference (registering it). */
  nameOf(ref: string): string {
    return this.ensure(ref).name;
  }

  /** The converted shared schema behind a reference. */
  sharedSchema(ref: string): JsonSchema | boolean {
    return this.ensure(ref).schema;
  }

  /** Every shared schema reachable from `refs`, keyed by `$defs` name. */
  defsFor(refs: Iterable<string>): Record<string, JsonSchema | boolean> {
    const defs: Record<string, JsonSchema | boolean> = {};
    const pending = [...refs];
    const seen = new Set<string>();
    for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const entry = this.ensure(ref);
      defs[entry.name] = entry.schema;
      pending.push(...entry.refs);
    }
    return defs;
  }

  /** Refs of the reachable shared schemas, for callers that need the graph (generated Zod code). */
  dependencies(ref: string): ReadonlySet<string> {
    return this.ensure(ref).refs;
  }

  private ensure(ref: string): SharedSchema {
    const existing = this.shared.get(ref);
    if (existing) return existing;
    const target = resolvePointer(this.document, ref);
    // Registered before converting, so a schema that refers to itself finds its own entry.
    const entry: SharedSchema = { name: this.allocateName(ref), schema: {}, refs: new Set() };
    this.shared.set(ref, entry);
    const converted = this.convert(target);
    entry.schema = converted.schema;
    entry.refs = converted.refs;
    return entry;
  }

  private allocateName(ref: string): string {
    const raw = ref.startsWith(COMPONENT_PREFIX)
      ? ref.slice(COMPONENT_PREFIX.length)
      : ref.split("/").filter(Boolean).slice(-2).join("_");
    const base = decodeURIComponent(raw).replace(/[^A-Za-z0-9_.-]/g, "_") || "schema";
    let name = base;
    for (let suffix = 2; this.usedNames.has(name); suffix++) name = `${base}_${suffix}`;
    this.usedNames.add(name);
    return name;
  }
}
