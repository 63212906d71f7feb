import { z } from "zod";
import { PaginationQuerySchema, paginated, QueryBooleanSchema, TimestampSchema } from "./common.js";
import { AudienceFiltersSchema } from "./filters.js";
import { component } from "./registry.js";

/** A group of persons: static (a fixed list), dynamic (property conditions) or behavioral (event conditions). */
export const CohortSchema = component(
  "Cohort",
  z.object({
    id: z.int(),
    name: z.string(),
    description: z.string(),
    is_static: z.boolean(),
    filters: AudienceFiltersSchema,
    is_behavioral: z.boolean().meta({
      description: "True when the cohort filters on events or actions, or references a behavioral cohort.",
    }),
    count: z.int().meta({ description: "Number of persons in the cohort now." }),
    deleted: z
      .boolean()
      .meta({ description: "True once the cohort is soft-deleted: it no longer appears in the list." }),
    created_at: TimestampSchema,
  }),
);
export type Cohort = z.infer<typeof CohortSchema>;

export const CohortListSchema = paginated("PaginatedCohortList", CohortSchema);

export const CohortListQuerySchema = PaginationQuerySchema.extend({
  hide_behavioral_cohorts: QueryBooleanSchema.optional().meta({
    description: "True to leave out behavioral cohorts (those cannot be used in a workflow audience).",
  }),
});

export const CohortCreateSchema = component(
  "CohortCreate",
  z.strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    is_static: z.boolean().optional().meta({ description: "True for a fixed list of persons (person_ids)." }),
    person_ids: z.array(z.int().positive()).optional().meta({ description: "Members of a static cohort." }),
    filters: AudienceFiltersSchema.optional().meta({
      description: "Conditions of a dynamic cohort; 'events' make it behavioral.",
    }),
  }),
);
export type CohortCreate = z.infer<typeof CohortCreateSchema>;

export const CohortUpdateSchema = component(
  "CohortUpdate",
  z.strictObject({
    name: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    deleted: z.boolean().optional().meta({
      description: "True soft-deletes the cohort (it leaves the list); false restores it.",
    }),
  }),
);
export type CohortUpdate = z.infer<typeof CohortUpdateSchema>;
