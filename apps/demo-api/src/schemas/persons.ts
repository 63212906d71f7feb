import { z } from "zod";
import { PaginationQuerySchema, paginated, TimestampSchema } from "./common.js";
import { component } from "./registry.js";

/** A person and their properties. */
export const PersonSchema = component(
  "Person",
  z.object({
    id: z.int(),
    distinct_id: z.string(),
    properties: z.record(z.string(), z.unknown()),
    created_at: TimestampSchema,
  }),
);
export type Person = z.infer<typeof PersonSchema>;

export const PersonListSchema = paginated("PaginatedPersonList", PersonSchema);

export const PersonListQuerySchema = PaginationQuerySchema.extend({
  search: z.string().min(1).optional().meta({ description: "Case-insensitive match on email or name." }),
});
