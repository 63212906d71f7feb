import { paginate } from "../http/pagination.js";
import { IdParamsSchema, PaginationQuerySchema } from "../schemas/common.js";
import {
  AudienceSizeQuerySchema,
  BatchJobCreateSchema,
  BatchJobListSchema,
  BatchJobSchema,
  BlastRadiusSchema,
  ScheduleCreateSchema,
  ScheduleListSchema,
  ScheduleParamsSchema,
  ScheduleSchema,
  ScheduleUpdateSchema,
  WorkflowCreateSchema,
  WorkflowListQuerySchema,
  WorkflowListSchema,
  WorkflowSchema,
  WorkflowUpdateSchema,
} from "../schemas/workflows.js";
import { scopes } from "../scopes.js";
import {
  audienceSizeOf,
  blastRadius,
  createBatchJob,
  createSchedule,
  createWorkflow,
  deleteWorkflow,
  getSchedule,
  getWorkflow,
  listBatchJobs,
  listSchedules,
  listWorkflows,
  updateSchedule,
  updateWorkflow,
} from "../services/workflows.js";
import { type AnyRoute, defineRoute, type RouteContext } from "./route.js";

/** 404 for a workflow outside the caller's project, before any guard looks at it. */
function loadWorkflow(context: RouteContext, { params }: { params: { id: number } }): void {
  getWorkflow(context.db, context.caller.projectId, params.id);
}

const BATCH_RULES =
  "Only for an active workflow with a batch trigger. Get the audience size from blast_radius, show it to the user, and pass it as acknowledged_affected_count; it must equal the current size and be at most 5000.";

/** Workflow routes (hog flows). */
export const workflowRoutes: AnyRoute[] = [
  defineRoute({
    method: "GET",
    path: "/api/workflows",
    operationId: "workflows_list",
    tag: "workflows",
    summary: "List workflows",
    description: "Workflows with status (draft, active, archived), trigger and audience filters.",
    scopes: scopes("hog_flow:read"),
    query: WorkflowListQuerySchema,
    response: WorkflowListSchema,
    status: 200,
    handler: (context, { query }) =>
      paginate(context, query, listWorkflows(context.db, context.caller.projectId, query.status)),
  }),
  defineRoute({
    method: "GET",
    path: "/api/workflows/{id}",
    operationId: "workflows_retrieve",
    tag: "workflows",
    summary: "Get a workflow",
    description: "One workflow.",
    scopes: scopes("hog_flow:read"),
    params: IdParamsSchema,
    response: WorkflowSchema,
    status: 200,
    handler: (context, { params }) => getWorkflow(context.db, context.caller.projectId, params.id),
  }),
  defineRoute({
    method: "POST",
    path: "/api/workflows",
    operationId: "workflows_create",
    tag: "workflows",
    summary: "Create a workflow",
    description:
      "Creates a workflow (draft by default). The audience (filters.properties) may use person properties and non-behavioral cohorts only; no filters.events or filters.actions.",
    scopes: scopes("hog_flow:write", "cohort:read"),
    body: WorkflowCreateSchema,
    response: WorkflowSchema,
    status: 201,
    handler: (context, { body }) => createWorkflow(context.db, context.caller.projectId, body),
  }),
  defineRoute({
    method: "PATCH",
    path: "/api/workflows/{id}",
    operationId: "workflows_partial_update",
    tag: "workflows",
    summary: "Update a workflow",
    description:
      "Updates a draft or archived workflow (active ones cannot be edited with an API key: 409). Same audience rules as create.",
    scopes: scopes("hog_flow:write", "cohort:read"),
    params: IdParamsSchema,
    body: WorkflowUpdateSchema,
    response: WorkflowSchema,
    status: 200,
    load: loadWorkflow,
    handler: (context, { params, body }) =>
      updateWorkflow(context.db, context.caller.projectId, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    path: "/api/workflows/{id}",
    operationId: "workflows_destroy",
    tag: "workflows",
    summary: "Delete a workflow",
    description:
      "Deletes a draft or archived workflow with its batch runs and schedules (active ones cannot be deleted with an API key: 409).",
    scopes: scopes("hog_flow:write"),
    params: IdParamsSchema,
    status: 204,
    load: loadWorkflow,
    handler: (context, { params }) => deleteWorkflow(context.db, context.caller.projectId, params.id),
  }),
  defineRoute({
    method: "POST",
    path: "/api/workflows/audience_size",
    operationId: "workflows_audience_size",
    tag: "workflows",
    summary: "Count an audience before activating a workflow",
    description:
      "How many persons an audience reaches now: the given filters, else the stored filters of workflow id, else everyone. Making a workflow active (create or update with status 'active') needs this number as acknowledged_affected_count, at most 5000.",
    scopes: scopes("hog_flow:read"),
    body: AudienceSizeQuerySchema,
    response: BlastRadiusSchema,
    status: 200,
    handler: (context, { body }) => audienceSizeOf(context.db, context.caller.projectId, body),
  }),
  defineRoute({
    method: "POST",
    path: "/api/workflows/{id}/blast_radius",
    operationId: "workflows_blast_radius",
    tag: "workflows",
    summary: "Count a workflow's audience",
    description:
      "How many persons the workflow's audience reaches now (affected) out of all persons (total).",
    scopes: scopes("hog_flow:read", "person:read"),
    params: IdParamsSchema,
    response: BlastRadiusSchema,
    status: 200,
    handler: (context, { params }) => blastRadius(context.db, context.caller.projectId, params.id),
  }),
  defineRoute({
    method: "POST",
    path: "/api/workflows/{id}/batch_jobs",
    operationId: "workflows_batch_jobs_create",
    tag: "workflows",
    summary: "Run a batch workflow now",
    description: `Queues one run of the workflow over its audience. ${BATCH_RULES}`,
    scopes: scopes("hog_flow:write", "person:read"),
    params: IdParamsSchema,
    body: BatchJobCreateSchema,
    response: BatchJobSchema,
    status: 201,
    load: loadWorkflow,
    handler: (context, { params, body }) =>
      createBatchJob(context.db, context.caller.projectId, params.id, body.acknowledged_affected_count),
  }),
  defineRoute({
    method: "GET",
    path: "/api/workflows/{id}/batch_jobs",
    operationId: "workflows_batch_jobs_list",
    tag: "workflows",
    summary: "List a workflow's batch runs",
    description: "Batch runs of the workflow, newest first.",
    scopes: scopes("hog_flow:read"),
    params: IdParamsSchema,
    query: PaginationQuerySchema,
    response: BatchJobListSchema,
    status: 200,
    handler: (context, { params, query }) =>
      paginate(context, query, listBatchJobs(context.db, context.caller.projectId, params.id)),
  }),
  defineRoute({
    method: "GET",
    path: "/api/workflows/{id}/schedules",
    operationId: "workflows_schedules_list",
    tag: "workflows",
    summary: "List a workflow's schedules",
    description: "Recurring batch runs of the workflow.",
    scopes: scopes("hog_flow:read"),
    params: IdParamsSchema,
    query: PaginationQuerySchema,
    response: ScheduleListSchema,
    status: 200,
    handler: (context, { params, query }) =>
      paginate(context, query, listSchedules(context.db, context.caller.projectId, params.id)),
  }),
  defineRoute({
    method: "POST",
    path: "/api/workflows/{id}/schedules",
    operationId: "workflows_schedules_create",
    tag: "workflows",
    summary: "Schedule a batch workflow",
    description: `Creates a recurring batch run (RRULE). ${BATCH_RULES}`,
    scopes: scopes("hog_flow:write", "person:read"),
    params: IdParamsSchema,
    body: ScheduleCreateSchema,
    response: ScheduleSchema,
    status: 201,
    load: loadWorkflow,
    handler: (context, { params, body }) =>
      createSchedule(context.db, context.caller.projectId, params.id, body),
  }),
  defineRoute({
    method: "PATCH",
    path: "/api/workflows/{id}/schedules/{schedule_id}",
    operationId: "workflows_schedules_partial_update",
    tag: "workflows",
    summary: "Update a workflow schedule",
    description: `Changes a schedule's RRULE, start or status; needs a fresh acknowledged count. ${BATCH_RULES}`,
    scopes: scopes("hog_flow:write", "person:read"),
    params: ScheduleParamsSchema,
    body: ScheduleUpdateSchema,
    response: ScheduleSchema,
    status: 200,
    load: (context, { params }) => {
      getSchedule(context.db, context.caller.projectId, params.id, params.schedule_id);
    },
    handler: (context, { params, body }) =>
      updateSchedule(context.db, context.caller.projectId, params.id, params.schedule_id, body),
  }),
];
