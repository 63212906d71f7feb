import type { z } from "zod";
import { insertRow, updateRow } from "../db/insert.js";
import type { Database } from "../db/sqlite.js";
import { invalidRequest, notFound } from "../http/api-error.js";
import type {
  BatchJobSchema,
  ScheduleCreateSchema,
  ScheduleSchema,
  ScheduleUpdateSchema,
  Workflow,
  WorkflowCreate,
  WorkflowUpdate,
} from "../schemas/workflows.js";
import { audienceSize } from "./audience.js";
import { findCohortRow } from "./cohort-rows.js";
import { json, now } from "./json-columns.js";

type BatchJob = z.infer<typeof BatchJobSchema>;
type Schedule = z.infer<typeof ScheduleSchema>;

interface WorkflowRow {
  id: number;
  name: string;
  description: string;
  status: Workflow["status"];
  trigger: string;
  filters: string;
  created_at: string;
  updated_at: string;
}

function toWorkflow(row: WorkflowRow): Workflow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    trigger: json(row.trigger),
    filters: json(row.filters),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The project's workflows, optionally of one status. */
export function listWorkflows(db: Database, projectId: number, status?: Workflow["status"]): Workflow[] {
  const rows = db
    .prepare("SELECT * FROM workflows WHERE project_id = ? ORDER BY id")
    .all(projectId) as WorkflowRow[];
  return rows.filter((row) => status === undefined || row.status === status).map(toWorkflow);
}

/** One workflow of the project, or 404. */
export function getWorkflow(db: Database, projectId: number, id: number): Workflow {
  const row = db.prepare("SELECT * FROM workflows WHERE id = ? AND project_id = ?").get(id, projectId) as
    | WorkflowRow
    | undefined;
  if (!row) throw notFound("Workflow", id);
  return toWorkflow(row);
}

/** Cohort references must exist in the project (the guards have already refused behavioral ones). */
function checkCohortReferences(
  db: Database,
  projectId: number,
  filters: Workflow["filters"] | undefined,
): void {
  (filters?.properties ?? []).forEach((property, index) => {
    if (property.type === "cohort" && !findCohortRow(db, projectId, property.value)) {
      throw invalidRequest([
        {
          in: "body",
          path: `filters.properties.${index}.value`,
          message: `cohort ${property.value} does not exist`,
        },
      ]);
    }
  });
}

/** Creates a workflow (draft unless told otherwise). */
export function createWorkflow(db: Database, projectId: number, input: WorkflowCreate): Workflow {
  // The acknowledged count is the guard's business (checked before this runs), not a column.
  checkCohortReferences(db, projectId, input.filters);
  const timestamp = now();
  const id = insertRow(db, "workflows", {
    project_id: projectId,
    name: input.name,
    description: input.description ?? "",
    status: input.status ?? "draft",
    trigger: input.trigger,
    filters: { properties: [], ...input.filters },
    created_at: timestamp,
    updated_at: timestamp,
  });
  return getWorkflow(db, projectId, id);
}

/** Updates the given fields of a workflow. */
export function updateWorkflow(db: Database, projectId: number, id: number, input: WorkflowUpdate): Workflow {
  getWorkflow(db, projectId, id);
  checkCohortReferences(db, projectId, input.filters);
  const { acknowledged_affected_count: _acknowledged, ...changes } = input;
  updateRow(db, "workflows", id, { ...changes, updated_at: now() });
  return getWorkflow(db, projectId, id);
}

/** Deletes a workflow with its batch runs and schedules. */
export function deleteWorkflow(db: Database, projectId: number, id: number): void {
  getWorkflow(db, projectId, id);
  db.transaction(() => {
    db.prepare("DELETE FROM batch_jobs WHERE workflow_id = ?").run(id);
    db.prepare("DELETE FROM workflow_schedules WHERE workflow_id = ?").run(id);
    db.prepare("DELETE FROM workflows WHERE id = ?").run(id);
  })();
}

/** How many persons an audience reaches now: the given filters, else workflow `id`'s, else everyone. */
export function audienceSizeOf(
  db: Database,
  projectId: number,
  query: { id?: number | undefined; filters?: Workflow["filters"] | undefined },
) {
  checkCohortReferences(db, projectId, query.filters);
  const filters =
    query.filters ??
    (query.id === undefined ? { properties: [] } : getWorkflow(db, projectId, query.id).filters);
  return audienceSize(db, projectId, filters);
}

/** How many persons the workflow's audience reaches now. */
export function blastRadius(db: Database, projectId: number, id: number) {
  return audienceSize(db, projectId, getWorkflow(db, projectId, id).filters);
}

/**
 * Queues a batch run. The guards have checked the state and that the acknowledged count equals the audience
 * as recomputed just now, so that count is recorded rather than computed a second time.
 */
export function createBatchJob(
  db: Database,
  projectId: number,
  workflowId: number,
  affected: number,
): BatchJob {
  const createdAt = now();
  const id = insertRow(db, "batch_jobs", {
    project_id: projectId,
    workflow_id: workflowId,
    status: "queued",
    affected_count: affected,
    created_at: createdAt,
  });
  return { id, workflow_id: workflowId, status: "queued", affected_count: affected, created_at: createdAt };
}

/** A workflow's batch runs, newest first. */
export function listBatchJobs(db: Database, projectId: number, workflowId: number): BatchJob[] {
  getWorkflow(db, projectId, workflowId);
  return db
    .prepare(
      "SELECT id, workflow_id, status, affected_count, created_at FROM batch_jobs WHERE workflow_id = ? AND project_id = ? ORDER BY id DESC",
    )
    .all(workflowId, projectId) as BatchJob[];
}

const SCHEDULE_COLUMNS = "id, workflow_id, rrule, starts_at, status, affected_count, created_at, updated_at";

/** One schedule of the workflow, or 404. */
export function getSchedule(db: Database, projectId: number, workflowId: number, id: number): Schedule {
  const row = db
    .prepare(
      `SELECT ${SCHEDULE_COLUMNS} FROM workflow_schedules WHERE id = ? AND workflow_id = ? AND project_id = ?`,
    )
    .get(id, workflowId, projectId) as Schedule | undefined;
  if (!row) throw notFound("Schedule", id);
  return row;
}

/** A workflow's schedules. */
export function listSchedules(db: Database, projectId: number, workflowId: number): Schedule[] {
  getWorkflow(db, projectId, workflowId);
  return db
    .prepare(
      `SELECT ${SCHEDULE_COLUMNS} FROM workflow_schedules WHERE workflow_id = ? AND project_id = ? ORDER BY id`,
    )
    .all(workflowId, projectId) as Schedule[];
}

/** Creates a recurring batch run. */
export function createSchedule(
  db: Database,
  projectId: number,
  workflowId: number,
  input: z.infer<typeof ScheduleCreateSchema>,
): Schedule {
  const timestamp = now();
  const id = insertRow(db, "workflow_schedules", {
    project_id: projectId,
    workflow_id: workflowId,
    rrule: input.rrule,
    starts_at: input.starts_at,
    status: "active",
    affected_count: input.acknowledged_affected_count,
    created_at: timestamp,
    updated_at: timestamp,
  });
  return getSchedule(db, projectId, workflowId, id);
}

/** Updates a schedule; the acknowledged count is stored as its new audience size. */
export function updateSchedule(
  db: Database,
  projectId: number,
  workflowId: number,
  id: number,
  input: z.infer<typeof ScheduleUpdateSchema>,
): Schedule {
  getSchedule(db, projectId, workflowId, id);
  const { acknowledged_affected_count: affected, ...changes } = input;
  updateRow(db, "workflow_schedules", id, { ...changes, affected_count: affected, updated_at: now() });
  return getSchedule(db, projectId, workflowId, id);
}
