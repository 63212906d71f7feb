/// <reference path="./swagger2openapi.d.ts" />
import { readFile } from "node:fs/promises";
import { isToolwrightError } from "@toolwright/core";
import { fileProblem } from "@toolwright/core/internal";
import { codegenError } from "../codegen-error.js";

/** A loaded OpenAPI document: internal `$ref`s kept, external ones bundled in. */
export interface LoadedSpec {
  /** The file the spec was read from, as given. */
  file: string;
  document: OpenApiDocument;
  /** True for OpenAPI 3.0.x, whose schemas use `nullable` and boolean `exclusiveMinimum`. */
  openapi30: boolean;
}

/** The parts of an OpenAPI document codegen reads; everything else is kept as unknown data. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * Loads an OpenAPI 3.0 or 3.1 document (JSON or YAML). `bundle` resolves external references into
 * the document but keeps internal ones, so shared and circular schemas stay shared instead of inlined.
 * A document whose references are all internal is already bundled: bundling it again would only
 * cost time (over a second on GitHub's spec), so it is used as parsed; a JSON one is parsed from the
 * text already read, and the ref parser is only loaded for YAML or external references.
 */
export async function loadSpec(file: string): Promise<LoadedSpec> {
  let document: unknown;
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw codegenError("invalid_spec", `cannot read the OpenAPI spec ${file}: ${fileProblem(error)}`, {
      file,
      cause: error,
    });
  });
  try {
    if (hasExternalRef(text)) {
      const { bundle } = await import("@apidevtools/json-schema-ref-parser");
      document = await bundle(file, { resolve: { http: false } });
    } else
      document = parseJson(text) ?? (await (await import("@apidevtools/json-schema-ref-parser")).parse(file));
    if (isSwagger2(document)) document = await convertSwagger2(document, file);
  } catch (error) {
    if (isToolwrightError(error)) throw error;
    throw codegenError("invalid_spec", `cannot load OpenAPI spec ${file}: ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  return { file, document: checkDocument(document, file), openapi30: isOpenApi30(document) };
}

/** The document when the text is JSON (what most large specs ship as), else undefined (YAML). */
function parseJson(text: string): unknown {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON after all (a YAML flow mapping): the ref parser reads it, or words the error.
    return undefined;
  }
}

function isOpenApi30(document: unknown): boolean {
  return String((document as { openapi?: unknown }).openapi ?? "").startsWith("3.0");
}

function checkDocument(document: unknown, file: string): OpenApiDocument {
  const candidate = document as Partial<OpenApiDocument> | null;
  const version = typeof candidate?.openapi === "string" ? candidate.openapi : "";
  if (!/^3\.[01]\./.test(version)) {
    const found = version ? `'openapi: ${version}'` : "no 'openapi' or 'swagger: \"2.0\"' version";
    throw codegenError(
      "invalid_spec",
      `${file} is not an OpenAPI 3.0 or 3.1 (or Swagger 2.0) document: found ${found}`,
      {
        file,
        key: "openapi",
      },
    );
  }
  if (typeof candidate?.info?.title !== "string" || typeof candidate.info.version !== "string") {
    throw codegenError("invalid_spec", `${file}: 'info.title' and 'info.version' are required`, {
      file,
      key: "info",
    });
  }
  return candidate as OpenApiDocument;
}

/**
 * True when the text may hold a `$ref` that points outside the document (another file or URL). Read
 * from the text, which is far cheaper than walking a large parsed spec; a false alarm only means the
 * document is bundled anyway.
 */
export function hasExternalRef(text: string): boolean {
  // The key must be `$ref` itself (Microsoft Graph has thousands of path keys ending in `/$ref`), and
  // the value a scalar: `(?![\s{[])` pins the look-ahead to its first character, so backtracking over
  // spaces cannot fake a match, and an object or list value is no reference.
  return /(?:^|[\s{,"'])\$ref["']?\s*:\s*(?![\s{[])(?!["']?#)/m.test(text);
}

function isSwagger2(document: unknown): boolean {
  return String((document as { swagger?: unknown } | null)?.swagger ?? "") === "2.0";
}

/**
 * Swagger 2.0 becomes OpenAPI 3.0 through swagger2openapi (the converter the OpenAPI tooling
 * ecosystem maintains), patching the small spec errors it knows how to fix; what it cannot
 * convert is an `invalid_spec` error naming the file.
 */
async function convertSwagger2(document: unknown, file: string): Promise<unknown> {
  const { convertObj } = (await import("swagger2openapi")).default;
  try {
    const converted = await convertObj(document as object, { patch: true, warnOnly: true, resolve: false });
    return converted.openapi;
  } catch (error) {
    throw codegenError(
      "invalid_spec",
      `cannot convert Swagger 2.0 spec ${file} to OpenAPI 3.0: ${(error as Error).message}`,
      { file, key: "swagger", cause: error },
    );
  }
}
