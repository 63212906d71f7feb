import { z } from "zod";
import { PaginationQuerySchema, paginated, TimestampSchema } from "./common.js";
import { EventFilterSchema } from "./filters.js";
import { component } from "./registry.js";

/** A condition on an event property, e.g. `alert_id` of `$insight_alert_firing`. */
const EventPropertyFilterSchema = component(
  "EventPropertyFilter",
  z.strictObject({
    type: z.literal("event"),
    key: z.string().min(1),
    value: z.union([z.string(), z.number(), z.boolean()]),
    operator: z.enum(["exact", "is_not"]).optional(),
  }),
);

/** Which events a destination receives. */
const DestinationFiltersSchema = component(
  "DestinationFilters",
  z.strictObject({
    events: z.array(EventFilterSchema).min(1),
    properties: z.array(EventPropertyFilterSchema).optional(),
  }),
  "Which events trigger the destination, e.g. events [{id: '$insight_alert_firing', type: 'events'}] with a property filter on alert_id.",
);
type DestinationFilters = z.infer<typeof DestinationFiltersSchema>;

const HttpsUrlSchema = z.url({ protocol: /^https$/, error: "must be an https:// URL" });

const INPUT_KEYS = {
  slack: { required: ["slack_workspace", "channel"], allowed: ["slack_workspace", "channel", "text"] },
  webhook: { required: ["url"], allowed: ["url", "body"] },
} as const;

/** A destination's inputs, each `{value}`; which keys apply depends on the template. */
const DestinationInputsSchema = component(
  "DestinationInputs",
  z.strictObject({
    slack_workspace: z
      .strictObject({ value: z.int().positive().meta({ description: "Id of a Slack integration." }) })
      .optional()
      .meta({ description: "slack: the Slack integration to post with." }),
    channel: z
      .strictObject({
        value: z
          .string()
          .min(1)
          .meta({ description: "Channel id from integrations channels, e.g. C01ALERTS1." }),
      })
      .optional()
      .meta({ description: "slack: the channel id (not its name)." }),
    text: z
      .strictObject({ value: z.string().min(1) })
      .optional()
      .meta({ description: "slack: message template." }),
    url: z
      .strictObject({ value: HttpsUrlSchema })
      .optional()
      .meta({ description: "webhook: the https URL to POST to." }),
    body: z.strictObject({ value: z.string() }).optional().meta({ description: "webhook: body template." }),
  }),
  "Slack destinations need slack_workspace and channel; webhook destinations need url (https only).",
);
export type DestinationInputs = z.infer<typeof DestinationInputsSchema>;

/** Field issues of inputs for a template: required keys missing, keys of the other template present. */
export function inputsIssues(
  template: keyof typeof INPUT_KEYS,
  inputs: DestinationInputs,
): Array<{ key: string; message: string }> {
  const rules = INPUT_KEYS[template];
  const missing = rules.required
    .filter((key) => inputs[key] === undefined)
    .map((key) => ({ key, message: `required for a ${template} destination` }));
  const foreign = Object.keys(inputs)
    .filter((key) => !(rules.allowed as readonly string[]).includes(key))
    .map((key) => ({ key, message: `not an input of a ${template} destination` }));
  return [...missing, ...foreign];
}

/** A destination: where matching events are sent (a Slack channel or an https webhook). */
export const DestinationSchema = component(
  "Destination",
  z.object({
    id: z.int(),
    name: z.string(),
    description: z.string(),
    template: z.enum(["slack", "webhook"]),
    enabled: z.boolean(),
    inputs: DestinationInputsSchema,
    filters: DestinationFiltersSchema,
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
);
export type Destination = z.infer<typeof DestinationSchema>;
export const DestinationListSchema = paginated("PaginatedDestinationList", DestinationSchema);

export const DestinationListQuerySchema = PaginationQuerySchema.extend({
  alert_id: z.coerce.number().int().positive().optional().meta({
    description: "Only destinations whose filters match this alert id (check before creating one).",
  }),
});

const commonCreate = {
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  enabled: z.boolean().optional(),
  filters: DestinationFiltersSchema,
};

export const DestinationCreateSchema = component(
  "DestinationCreate",
  z
    .strictObject({
      template: z.enum(["slack", "webhook"]),
      inputs: DestinationInputsSchema,
      ...commonCreate,
    })
    .superRefine((destination, context) => {
      for (const issue of inputsIssues(destination.template, destination.inputs)) {
        context.addIssue({ code: "custom", path: ["inputs", issue.key], message: issue.message });
      }
    }),
);
export type DestinationCreate = z.infer<typeof DestinationCreateSchema>;

export const DestinationUpdateSchema = component(
  "DestinationUpdate",
  z.strictObject({
    name: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    enabled: z.boolean().optional(),
    inputs: DestinationInputsSchema.optional().meta({
      description: "Replaces the inputs; they must be complete for the destination's template.",
    }),
    filters: DestinationFiltersSchema.optional(),
  }),
);
export type DestinationUpdate = z.infer<typeof DestinationUpdateSchema>;
