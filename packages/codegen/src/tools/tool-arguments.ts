import type { ArgumentBinding } from "@toolwright/core";
import { specDescription } from "../schema/description-text.js";
import type { JsonSchema } from "../schema/json-schema.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import { followRefs } from "../spec/local-ref.js";
import type { SpecOperation } from "../spec/operations.js";
import type { ChosenBody } from "./request-body.js";
import { objectFields, TEXT_CONTENT_TYPES } from "./request-body.js";

/** One argument a tool may take, before include/exclude and overrides. */
export interface CandidateArgument {
  argument: string;
  in: ArgumentBinding["in"];
  name: string;
  schema: JsonSchema | boolean;
  required: boolean;
  style?: ArgumentBinding["style"];
  explode?: boolean;
}

/** The candidates of one operation and how its body is assembled. */
export interface OperationArguments {
  candidates: CandidateArgument[];
  bodyMode: "fields" | "argument" | null;
  refs: Set<string>;
}

/** Locations in the order they claim plain argument names: a path parameter never gets a suffix. */
const PRECEDENCE: readonly ArgumentBinding["in"][] = ["path", "query", "header", "body"];
const STYLES = new Set(["form", "simple", "deepObject", "spaceDelimited", "pipeDelimited"]);

/**
 * Every argument of an operation: path, query and header parameters and the body's fields (or one
 * `body` argument for bodies that are not plain objects), with names made unique deterministically.
 */
export function operationArguments(
  document: unknown,
  registry: SchemaRegistry,
  operation: SpecOperation,
  body: ChosenBody | null,
): OperationArguments {
  const refs = new Set<string>();
  const convert = (schema: unknown, description?: string) => {
    const converted = registry.convert(schema);
    for (const ref of converted.refs) refs.add(ref);
    return describe(converted.schema, description);
  };
  const candidates: CandidateArgument[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === "cookie") continue;
    const schema = convert(parameter.schema, parameter.description);
    candidates.push({
      argument: parameter.name,
      in: parameter.in,
      name: parameter.name,
      schema: parameter.in === "path" ? nonEmptySegment(schema) : schema,
      required: parameter.required,
      ...serialisation(parameter),
    });
  }
  let bodyMode: OperationArguments["bodyMode"] = null;
  if (body) {
    const text = TEXT_CONTENT_TYPES.has(body.contentType);
    const fields = text ? null : objectFields(document, body.schema);
    bodyMode = fields ? "fields" : "argument";
    if (fields) {
      for (const [name, schema] of fields.fields) {
        // An optional body may be left out, but a body that is sent has its required fields.
        const required = !body.explicitlyOptional && fields.required.has(name);
        candidates.push({
          argument: name,
          in: "body",
          name,
          schema: convert(schema),
          required,
          ...serialisation(body.encoding[name]),
        });
      }
    } else {
      candidates.push({
        argument: "body",
        in: "body",
        name: "body",
        schema: text ? textBodySchema(document, registry, body) : convert(body.schema),
        required: body.required,
      });
    }
  }
  return { candidates: assignNames(candidates), bodyMode, refs };
}

/**
 * Resolves name collisions: locations claim names in the order path, query, header, body; a later
 * one that collides gets `_<location>` (`id` in the path and the body → `id` and `id_body`).
 * Characters MCP clients reject in property names become `_`; the wire name is kept in the binding.
 */
function assignNames(candidates: CandidateArgument[]): CandidateArgument[] {
  const used = new Set<string>();
  const ordered = PRECEDENCE.flatMap((location) =>
    candidates.filter((candidate) => candidate.in === location),
  );
  for (const candidate of ordered) {
    const plain = candidate.name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 64) || "argument";
    let name = used.has(plain) ? `${plain}_${candidate.in}` : plain;
    for (let suffix = 2; used.has(name); suffix++) name = `${plain}_${candidate.in}_${suffix}`;
    used.add(name);
    candidate.argument = name;
  }
  return ordered;
}

/** A parameter's description belongs on its property schema (the parameter object is not in the tool). */
function describe(schema: JsonSchema | boolean, description: string | undefined): JsonSchema | boolean {
  if (description === undefined) return schema;
  if (typeof schema === "boolean") return schema ? { description: specDescription(description) } : schema;
  return { ...schema, description: specDescription(description) };
}

/** The OpenAPI serialisation of a parameter or form field, when the spec states one. */
function serialisation(
  source: { style?: string; explode?: boolean } | undefined,
): Pick<CandidateArgument, "style" | "explode"> {
  if (!source) return {};
  return {
    ...(source.style && STYLES.has(source.style)
      ? { style: source.style as NonNullable<ArgumentBinding["style"]> }
      : {}),
    ...(source.explode === undefined ? {} : { explode: source.explode }),
  };
}

/**
 * A text body is one string argument. A spec that describes an XML body as an object gets a string
 * that says so: the XML mapping rules are not something a tool can apply faithfully, the caller can.
 */
function textBodySchema(document: unknown, registry: SchemaRegistry, body: ChosenBody): JsonSchema | boolean {
  const converted = registry.convert(followRefs(document, body.schema)).schema;
  if (typeof converted === "object" && converted.type === "string") return converted;
  const kind = body.contentType.endsWith("xml") ? "an XML document" : "text";
  return { type: "string", description: `The request body as ${kind} (${body.contentType}).` };
}

/**
 * A path parameter fills a URL segment, and an empty one changes which resource the path names
 * (`/calendars//events`): a string parameter without a `minLength` gets `minLength: 1`.
 */
function nonEmptySegment(schema: JsonSchema | boolean): JsonSchema | boolean {
  if (typeof schema !== "object" || schema.type !== "string" || schema.minLength !== undefined) return schema;
  return { ...schema, minLength: 1 };
}
