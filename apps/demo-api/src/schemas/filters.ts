import { z } from "zod";
import { component } from "./registry.js";

/** A condition on a person property. */
const PersonPropertyFilterSchema = component(
  "PersonPropertyFilter",
  z.strictObject({
    type: z.literal("person"),
    key: z.string().min(1).meta({ description: "Person property name, e.g. 'plan' or 'country'." }),
    operator: z
      .enum(["exact", "is_not", "icontains", "gt", "lt", "is_set", "is_not_set"])
      .optional()
      .meta({ description: "Comparison (default 'exact'); 'exact' with a list value matches any item." }),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))])
      .optional(),
  }),
  "A condition on a person property.",
);

/** Membership of a cohort. */
const CohortPropertyFilterSchema = component(
  "CohortPropertyFilter",
  z.strictObject({
    type: z.literal("cohort"),
    value: z.int().positive().meta({ description: "The cohort's id." }),
  }),
  "Membership of a cohort (by id).",
);

/** A property condition of an audience: a person property or a cohort. */
const AudiencePropertySchema = z.discriminatedUnion("type", [
  PersonPropertyFilterSchema,
  CohortPropertyFilterSchema,
]);
export type AudienceProperty = z.infer<typeof AudiencePropertySchema>;

/** An event condition (behavioral); `days` and `min_count` bound how often it happened. */
export const EventFilterSchema = component(
  "EventFilter",
  z.strictObject({
    id: z.string().min(1).meta({ description: "Event name, e.g. '$pageview' or '$insight_alert_firing'." }),
    type: z.literal("events"),
    name: z.string().optional(),
    days: z.int().positive().optional(),
    min_count: z.int().positive().optional(),
  }),
);

/** An action condition (behavioral). */
const ActionFilterSchema = component(
  "ActionFilter",
  z.strictObject({ id: z.int().positive(), type: z.literal("actions"), name: z.string().optional() }),
);

/** Who a workflow or cohort targets: property conditions (all must hold), optionally event or action conditions. */
export const AudienceFiltersSchema = component(
  "AudienceFilters",
  z.strictObject({
    properties: z.array(AudiencePropertySchema).optional(),
    events: z.array(EventFilterSchema).optional(),
    actions: z.array(ActionFilterSchema).optional(),
  }),
  "Audience conditions. All 'properties' must hold. 'events'/'actions' make it behavioral.",
);
export type AudienceFilters = z.infer<typeof AudienceFiltersSchema>;
