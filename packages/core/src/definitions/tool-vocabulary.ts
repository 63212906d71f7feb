import * as z from "zod";

/** The tool set a tool belongs to: `1` or `2`; a tool without one is in every set. */
export const McpVersionSchema = z.literal([1, 2]);
export type McpVersion = z.infer<typeof McpVersionSchema>;

/** The tool sets a server can serve, and the one a connection gets when it does not ask. */
export const MCP_VERSIONS = [1, 2] as const;
export const DEFAULT_MCP_VERSION: McpVersion = 1;

/**
 * A delete tool that archives instead: `true` sends `{"deleted": true}` with the PATCH operation
 * on the same path; the object form names the operation and the body to send.
 */
export const SoftDeleteSchema = z.union([
  z.literal(true),
  z.strictObject({
    operation: z.string().min(1).optional(),
    body: z.record(z.string(), z.unknown()).default({ deleted: true }),
  }),
]);
export type SoftDelete = z.infer<typeof SoftDeleteSchema>;

/** An MCP Apps view for a tool: a name from the file's `ui_apps`, or a `ui://` resource URI. */
export const UiAppReferenceSchema = z.string().min(1);

/** The file's MCP Apps views by name (each a `ui://` URI, or an object the app host reads). */
export const UiAppsSchema = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]);

/**
 * Where a context-bound parameter's value comes from: a dot path into the caller
 * (`project.id` is the key's or token's project).
 */
export const ContextSourceSchema = z.string().regex(/^(id|project(\.[A-Za-z0-9_]+)+)$/, {
  error: "a context source is 'project.<field>' (such as 'project.id') or 'id'",
});
export type ContextSource = z.infer<typeof ContextSourceSchema>;
