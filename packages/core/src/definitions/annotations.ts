import * as z from "zod";

/** Behaviour hints of a tool, as written in a definition file. */
export const AnnotationsSchema = z.strictObject({
  readOnly: z.boolean().optional(),
  destructive: z.boolean().optional(),
  idempotent: z.boolean().optional(),
  openWorld: z.boolean().optional(),
});
export type Annotations = z.infer<typeof AnnotationsSchema>;

/** Annotations with every hint decided. */
export const ResolvedAnnotationsSchema = z.strictObject({
  readOnly: z.boolean(),
  destructive: z.boolean(),
  idempotent: z.boolean(),
  openWorld: z.boolean(),
});
export type ResolvedAnnotations = z.infer<typeof ResolvedAnnotationsSchema>;

/** The annotations as MCP tool hints (`readOnlyHint`, ...). */
export const McpToolAnnotationsSchema = z.strictObject({
  readOnlyHint: z.boolean(),
  destructiveHint: z.boolean(),
  idempotentHint: z.boolean(),
  openWorldHint: z.boolean(),
});
export type McpToolAnnotations = z.infer<typeof McpToolAnnotationsSchema>;

/** Methods whose effect a definition must state explicitly. */
const EXPLICIT_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** True when a tool bound to this HTTP method must declare its annotations. */
export function annotationsRequired(method: string): boolean {
  return EXPLICIT_METHODS.has(method.toUpperCase());
}

/**
 * Fills annotation defaults from the HTTP method: GET/HEAD read-only and idempotent, DELETE destructive
 * and idempotent. Returns null for POST/PUT/PATCH without annotations (the definition must state them).
 */
export function resolveAnnotations(
  method: string,
  given: Annotations | undefined,
): ResolvedAnnotations | null {
  const upper = method.toUpperCase();
  if (!given && annotationsRequired(upper)) return null;
  const readOnly = given?.readOnly ?? (upper === "GET" || upper === "HEAD");
  return {
    readOnly,
    destructive: given?.destructive ?? (readOnly ? false : upper === "DELETE"),
    idempotent: given?.idempotent ?? (readOnly || upper === "DELETE" || upper === "PUT"),
    openWorld: given?.openWorld ?? false,
  };
}

/** Maps resolved annotations to MCP's hint names. */
export function toMcpAnnotations(annotations: ResolvedAnnotations): McpToolAnnotations {
  return {
    readOnlyHint: annotations.readOnly,
    destructiveHint: annotations.destructive,
    idempotentHint: annotations.idempotent,
    openWorldHint: annotations.openWorld,
  };
}
