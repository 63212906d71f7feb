import { z } from "zod";
import { PaginationQuerySchema, paginated, TimestampSchema } from "./common.js";
import { component } from "./registry.js";

/** A saved insight (a chart) that alerts watch. */
export const InsightSchema = component(
  "Insight",
  z.object({
    id: z.int(),
    short_id: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.string(),
    created_at: TimestampSchema,
  }),
);
export type Insight = z.infer<typeof InsightSchema>;
export const InsightListSchema = paginated("PaginatedInsightList", InsightSchema);

const BoundsSchema = z
  .strictObject({ lower: z.number().nullable().optional(), upper: z.number().nullable().optional() })
  .refine((bounds) => bounds.lower != null || bounds.upper != null, {
    error: "set at least one of 'lower' or 'upper'",
  })
  .refine((bounds) => bounds.lower == null || bounds.upper == null || bounds.lower <= bounds.upper, {
    error: "'lower' must not be above 'upper'",
  });

/** When an alert fires: the insight's value leaves the bounds. */
const AlertThresholdSchema = component(
  "AlertThreshold",
  z.strictObject({
    type: z.enum(["absolute", "percentage"]),
    bounds: BoundsSchema,
  }),
);

const AlertConditionSchema = component(
  "AlertCondition",
  z.strictObject({ type: z.enum(["absolute_value", "relative_increase", "relative_decrease"]) }),
);

const CalculationIntervalSchema = z.enum(["hourly", "daily", "weekly", "monthly"]);

/** An alert on an insight. */
export const AlertSchema = component(
  "Alert",
  z.object({
    id: z.int(),
    name: z.string(),
    insight_id: z.int(),
    threshold: AlertThresholdSchema,
    condition: AlertConditionSchema,
    calculation_interval: CalculationIntervalSchema,
    subscribed_users: z.array(z.int()).meta({ description: "Ids of the users notified by email." }),
    enabled: z.boolean(),
    state: z.enum(["Firing", "NotFiring"]),
    last_checked_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
);
export type Alert = z.infer<typeof AlertSchema>;
export const AlertListSchema = paginated("PaginatedAlertList", AlertSchema);

export const AlertListQuerySchema = PaginationQuerySchema.extend({
  insight_id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: "Only this insight's alerts." }),
});

export const AlertCreateSchema = component(
  "AlertCreate",
  z.strictObject({
    name: z.string().min(1).max(200),
    insight_id: z.int().positive(),
    threshold: AlertThresholdSchema,
    condition: AlertConditionSchema.optional().meta({ description: "Default: absolute_value." }),
    calculation_interval: CalculationIntervalSchema.optional().meta({ description: "Default: daily." }),
    subscribed_users: z.array(z.int().positive()).min(1),
    enabled: z.boolean().optional(),
  }),
);
export type AlertCreate = z.infer<typeof AlertCreateSchema>;

export const AlertUpdateSchema = component(
  "AlertUpdate",
  z.strictObject({
    name: z.string().min(1).max(200).optional(),
    threshold: AlertThresholdSchema.optional(),
    condition: AlertConditionSchema.optional(),
    calculation_interval: CalculationIntervalSchema.optional(),
    subscribed_users: z.array(z.int().positive()).min(1).optional(),
    enabled: z.boolean().optional(),
  }),
);
export type AlertUpdate = z.infer<typeof AlertUpdateSchema>;
