import { OpenAPIBackend } from "openapi-backend";
import { parse as parseNested } from "qs";
import type { RecordedRequest } from "./recording-upstream.js";
import { type Schema, SchemaReader } from "./schema-reader.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema?: unknown;
}

interface SpecOperation {
  method: string;
  path: string;
  parameters: SpecParameter[];
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: unknown; encoding?: Record<string, Encoding> }>;
  };
  operationId: string;
}

interface Encoding {
  style?: string;
  explode?: boolean;
}

/**
 * Checks recorded requests against the OpenAPI operation they were meant to call. The schema and
 * parameter checks are openapi-backend's (an independent, maintained validator: parameters by
 * style/explode, the body against its schema); around it, the wire checks a validator of parsed
 * requests cannot make: method, path template, the template's literal query, the content type,
 * and no undocumented query parameter or form field. Returns the problems found (none: faithful).
 */
export class RequestChecker {
  private readonly backend: OpenAPIBackend;
  private readonly reader: SchemaReader;
  private readonly operations = new Map<string, SpecOperation>();

  private constructor(document: Record<string, unknown>) {
    dropTypelessNullable(document);
    this.reader = new SchemaReader(document);
    // Every operation gets an id (openapi-backend validates only operations that have one); codegen
    // names operations without one `METHOD /path`, and so does this copy.
    const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
    for (const [path, rawItem] of Object.entries(paths)) {
      const item = this.reader.resolve(rawItem) as Record<string, unknown>;
      for (const method of METHODS) {
        const operation = item[method] as Record<string, unknown> | undefined;
        if (!operation) continue;
        const id =
          typeof operation.operationId === "string"
            ? operation.operationId
            : `${method.toUpperCase()} ${path}`;
        operation.operationId = id;
        this.operations.set(id, {
          method,
          path,
          operationId: id,
          parameters: this.parameters(item.parameters, operation.parameters),
          requestBody: operation.requestBody
            ? (this.reader.resolve(operation.requestBody) as SpecOperation["requestBody"])
            : undefined,
        } as SpecOperation);
      }
    }
    this.backend = new OpenAPIBackend({
      definition: document as never,
      quick: true,
      validate: true,
      // The spec is data to validate against, not under test: duplicate enum values (Stripe) must not stop it.
      ajvOpts: { strict: false, coerceTypes: "array", validateFormats: false, validateSchema: false },
    });
  }

  static async create(document: Record<string, unknown>): Promise<RequestChecker> {
    const checker = new RequestChecker(document);
    await checker.backend.init();
    return checker;
  }

  /** The problems of one recorded request against the operation `operationId`; empty when faithful. */
  async check(request: RecordedRequest, operationId: string): Promise<string[]> {
    const operation = this.operations.get(operationId);
    if (!operation) return [`the spec has no operation '${operationId}'`];
    const problems: string[] = [];
    const url = new URL(request.target, "http://upstream");
    if (request.method.toLowerCase() !== operation.method) {
      problems.push(`method ${request.method}, the operation is ${operation.method.toUpperCase()}`);
    }
    const template = templateParts(operation.path);
    if (!template.pattern.test(url.pathname))
      problems.push(`path ${url.pathname} does not match ${operation.path}`);
    for (const [name, value] of template.query) {
      if (!url.searchParams.getAll(name).includes(value))
        problems.push(`literal query ${name}=${value} missing`);
    }
    problems.push(...this.undocumentedQuery(operation, url.searchParams, template.query));
    const body = await this.decodeBody(request, operation, problems);
    const result = this.backend.validateRequest(
      {
        method: operation.method,
        path: template.hasParameters ? url.pathname : operation.path,
        query: url.search.replace(/^\?/, ""),
        headers: request.headers,
        ...(body === undefined ? {} : { body: body as never }),
      },
      operationId,
    );
    for (const error of result.errors ?? []) {
      problems.push(`${error.instancePath || "/"} ${error.message ?? error.keyword}`);
    }
    return problems;
  }

  private parameters(pathLevel: unknown, operationLevel: unknown): SpecParameter[] {
    const merged = new Map<string, SpecParameter>();
    for (const list of [pathLevel, operationLevel]) {
      if (!Array.isArray(list)) continue;
      for (const raw of list) {
        const parameter = this.reader.resolve(raw) as SpecParameter;
        merged.set(`${parameter.in}:${parameter.name}`, parameter);
      }
    }
    return [...merged.values()];
  }

  private undocumentedQuery(
    operation: SpecOperation,
    query: URLSearchParams,
    literal: Array<[string, string]>,
  ): string[] {
    const declared = operation.parameters.filter((parameter) => parameter.in === "query");
    // An exploded object parameter spreads its keys into the query: any key may be one of them.
    const spreads = declared.some(
      (parameter) =>
        (parameter.style ?? "form") === "form" &&
        parameter.explode !== false &&
        this.reader.typeOf(parameter.schema) === "object",
    );
    if (spreads) return [];
    const known = (key: string) =>
      literal.some(([name]) => name === key) ||
      declared.some(
        (parameter) =>
          parameter.name === key ||
          (parameter.style === "deepObject" && key.startsWith(`${parameter.name}[`)),
      );
    return [...new Set(query.keys())]
      .filter((key) => !known(key))
      .map((key) => `undocumented query parameter '${key}'`);
  }

  /** The body as a validator of parsed requests expects it, decoded by the rules of its media type. */
  private async decodeBody(request: RecordedRequest, operation: SpecOperation, problems: string[]) {
    const content = operation.requestBody?.content ?? {};
    const sent = request.body.length > 0;
    if (!sent) {
      if (operation.requestBody?.required === true) problems.push("the required request body is missing");
      return undefined;
    }
    const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const media = Object.entries(content).find(
      ([type]) => type.split(";")[0]?.trim().toLowerCase() === contentType,
    )?.[1];
    if (!media) {
      problems.push(
        `content type '${contentType}' is not one the operation accepts (${Object.keys(content).join(", ")})`,
      );
      return undefined;
    }
    const text = request.body.toString("utf8");
    if (contentType === "application/x-www-form-urlencoded") {
      return this.decodeForm(text, media.schema, media.encoding ?? {}, problems);
    }
    if (contentType === "multipart/form-data") {
      const form = await new Response(new Uint8Array(request.body), {
        headers: { "content-type": request.headers["content-type"] ?? "" },
      }).formData();
      const fields: Record<string, unknown> = {};
      for (const [name, value] of form.entries()) {
        const item = typeof value === "string" ? value : await value.text();
        fields[name] = name in fields ? [fields[name], item].flat() : item;
      }
      this.undocumentedFields(Object.keys(fields), media.schema, problems);
      return fields;
    }
    if (/json/.test(contentType)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        problems.push("the JSON body does not parse");
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * A form body, decoded field by field by the encoding the spec states: `deepObject` fields nest
   * (`a[b]=c`), the default `form` style repeats a name for an array (or joins it with commas
   * when not exploded). A bracketed key of any other field stays literal, as the API would read it.
   */
  private decodeForm(text: string, schema: unknown, encoding: Record<string, Encoding>, problems: string[]) {
    const fields: Record<string, unknown> = {};
    const nested: string[] = [];
    for (const [key, value] of new URLSearchParams(text)) {
      const base = key.split("[")[0] ?? key;
      if (encoding[base]?.style === "deepObject") {
        nested.push(
          `${encodeURIComponent(key).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${encodeURIComponent(value)}`,
        );
        continue;
      }
      const property = this.reader.property(schema, key);
      const split =
        this.reader.typeOf(property) === "array" && encoding[key]?.explode === false
          ? value.split(",")
          : [value];
      const current = fields[key];
      fields[key] =
        current === undefined ? (split.length > 1 ? split : split[0]) : [current, ...split].flat();
    }
    Object.assign(fields, parseNested(nested.join("&"), { depth: 32, arrayLimit: 10_000 }));
    this.undocumentedFields(Object.keys(fields), schema, problems);
    return fields;
  }

  private undocumentedFields(keys: string[], schema: Schema, problems: string[]): void {
    const documented = this.reader.propertyNames(schema);
    if (!documented) return;
    for (const key of keys) if (!documented.has(key)) problems.push(`undocumented body field '${key}'`);
  }
}

/** The path template as a pattern (each `{parameter}` one non-empty segment part) and its literal query. */
function templateParts(template: string): {
  pattern: RegExp;
  query: Array<[string, string]>;
  hasParameters: boolean;
} {
  const withoutFragment = template.split("#")[0] ?? "";
  const [path = "", query = ""] = withoutFragment.split("?");
  const source = (path || "/")
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return {
    pattern: new RegExp(`^${source}$`),
    query: [...new URLSearchParams(query)],
    hasParameters: /\{[^}]+\}/.test(path),
  };
}

/**
 * OpenAPI 3.0 `nullable` only qualifies a `type`; some specs write it alone (Mandrill), which the
 * validator's ajv refuses to compile. Without a type it permits nothing more, so it is removed.
 */
function dropTypelessNullable(node: unknown, seen = new Set<unknown>()): void {
  if (typeof node !== "object" || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) dropTypelessNullable(item, seen);
    return;
  }
  const record = node as Record<string, unknown>;
  if ("nullable" in record && record.type === undefined && typeof record.nullable === "boolean")
    delete record.nullable;
  for (const value of Object.values(record)) dropTypelessNullable(value, seen);
}
