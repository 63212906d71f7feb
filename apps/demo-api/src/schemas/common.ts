import { z } from "zod";
import { component } from "./registry.js";

/** A positive integer id in a path, coerced from its string form. */
export const IdSchema = z.coerce
  .number()
  .int()
  .positive()
  .meta({ description: "The resource's numeric id." });

/** Path parameters of a single-resource route. */
export const IdParamsSchema = z.strictObject({ id: IdSchema });

/** An ISO 8601 timestamp. */
export const TimestampSchema = z.string().meta({ description: "ISO 8601 timestamp (UTC)." });

/** `limit` and `offset` of every list endpoint. */
export const PaginationQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .meta({ description: "How many results to return (1-500, default 100)." }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: "How many results to skip (default 0)." }),
});
export type PaginationQuery = z.infer<typeof PaginationQuerySchema>;

/** A boolean query flag: documented as a boolean, read from the query string's `true` or `false`. */
export const QueryBooleanSchema = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value),
  z.boolean(),
);

/** The envelope of every list response. */
export function paginated<Item extends z.ZodType>(id: string, item: Item) {
  return component(
    id,
    z.object({
      count: z.int().meta({ description: "Total number of results across all pages." }),
      next: z.string().optional().meta({ description: "URL of the next page, absent on the last page." }),
      results: z.array(item),
    }),
  );
}

/** The body of every error response. */
export const ErrorSchema = component(
  "Error",
  z.object({
    error: z.string().meta({ description: "Machine-readable error code, e.g. 'invalid_request'." }),
    message: z.string().meta({ description: "What went wrong and what to do about it." }),
    details: z.record(z.string(), z.unknown()).optional(),
    missing_scopes: z.array(z.string()).optional(),
    reason: z.string().optional(),
  }),
  "An error. 400 carries field-level issues in details.issues; 403 names missing_scopes; guard rejections carry reason.",
);
