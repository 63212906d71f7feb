import { z } from "zod";
import { PaginationQuerySchema, paginated, TimestampSchema } from "./common.js";
import { AudienceFiltersSchema } from "./filters.js";
import { component } from "./registry.js";

const WorkflowStatusSchema = z.enum(["draft", "active", "archived"]);

/** What starts a workflow: an event, or a batch run over its audience. */
const WorkflowTriggerSchema = component(
  "WorkflowTrigger",
  z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("event"), event: z.string().min(1) }),
    z.strictObject({ type: z.literal("batch") }),
  ]),
);

/** A messaging workflow with its audience. */
export const WorkflowSchema = component(
  "Workflow",
  z.object({
    id: z.int(),
    name: z.string(),
    description: z.string(),
    status: WorkflowStatusSchema,
    trigger: WorkflowTriggerSchema,
    filters: AudienceFiltersSchema,
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
);
export type Workflow = z.infer<typeof WorkflowSchema>;
export const WorkflowListSchema = paginated("PaginatedWorkflowList", WorkflowSchema);

export const WorkflowListQuerySchema = PaginationQuerySchema.extend({
  status: WorkflowStatusSchema.optional(),
});

const acknowledgedActivation = z.int().min(0).optional().meta({
  description:
    "Needed when the workflow is (or becomes) active: the audience size from workflows audience_size (same filters) that you showed the user and they agreed to.",
});

export const WorkflowCreateSchema = component(
  "WorkflowCreate",
  z.strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    status: WorkflowStatusSchema.optional().meta({ description: "Default 'draft'." }),
    trigger: WorkflowTriggerSchema,
    filters: AudienceFiltersSchema.optional().meta({
      description: "Audience: person property conditions and non-behavioral cohort references only.",
    }),
    acknowledged_affected_count: acknowledgedActivation,
  }),
);
export type WorkflowCreate = z.infer<typeof WorkflowCreateSchema>;

export const WorkflowUpdateSchema = component(
  "WorkflowUpdate",
  z.strictObject({
    name: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    status: WorkflowStatusSchema.optional(),
    trigger: WorkflowTriggerSchema.optional(),
    filters: AudienceFiltersSchema.optional(),
    acknowledged_affected_count: acknowledgedActivation,
  }),
);
export type WorkflowUpdate = z.infer<typeof WorkflowUpdateSchema>;

/** The audience to count: these filters, else the stored filters of workflow `id`, else everyone. */
export const AudienceSizeQuerySchema = component(
  "AudienceSizeQuery",
  z.strictObject({
    id: z
      .int()
      .positive()
      .optional()
      .meta({ description: "A workflow whose stored audience is counted when no filters are given." }),
    filters: AudienceFiltersSchema.optional().meta({
      description: "The audience to count (as in workflows create/update).",
    }),
  }),
);

/** How many persons a workflow's audience reaches now. */
export const BlastRadiusSchema = component(
  "BlastRadius",
  z.object({
    affected: z.int().meta({ description: "Persons in the audience now; show this to the user." }),
    total: z.int().meta({ description: "Persons in the project." }),
  }),
);

const acknowledged = z.int().min(0).meta({
  description: "The audience size (blast_radius 'affected') you showed the user and they agreed to.",
});

export const BatchJobCreateSchema = component(
  "BatchJobCreate",
  z.strictObject({ acknowledged_affected_count: acknowledged }),
);

/** One run of a batch workflow. */
export const BatchJobSchema = component(
  "BatchJob",
  z.object({
    id: z.int(),
    workflow_id: z.int(),
    status: z.enum(["queued", "running", "completed"]),
    affected_count: z.int(),
    created_at: TimestampSchema,
  }),
);
export const BatchJobListSchema = paginated("PaginatedBatchJobList", BatchJobSchema);

const RruleSchema = z
  .string()
  .regex(/^(RRULE:)?FREQ=(HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/, {
    error: "must be an RFC 5545 RRULE such as 'FREQ=WEEKLY;BYDAY=MO'",
  })
  .meta({ description: "RFC 5545 recurrence rule, e.g. 'FREQ=WEEKLY;BYDAY=MO'." });

/** A recurring batch run. */
export const ScheduleSchema = component(
  "WorkflowSchedule",
  z.object({
    id: z.int(),
    workflow_id: z.int(),
    rrule: z.string(),
    starts_at: TimestampSchema,
    status: z.enum(["active", "paused"]),
    affected_count: z.int(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
);
export const ScheduleListSchema = paginated("PaginatedWorkflowScheduleList", ScheduleSchema);

export const ScheduleCreateSchema = component(
  "WorkflowScheduleCreate",
  z.strictObject({
    rrule: RruleSchema,
    starts_at: z.iso.datetime().meta({ description: "First run, ISO 8601." }),
    acknowledged_affected_count: acknowledged,
  }),
);

export const ScheduleUpdateSchema = component(
  "WorkflowScheduleUpdate",
  z.strictObject({
    rrule: RruleSchema.optional(),
    starts_at: z.iso.datetime().optional(),
    status: z.enum(["active", "paused"]).optional(),
    acknowledged_affected_count: acknowledged,
  }),
);

export const ScheduleParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive().meta({ description: "The workflow's id." }),
  schedule_id: z.coerce.number().int().positive().meta({ description: "The schedule's id." }),
});
