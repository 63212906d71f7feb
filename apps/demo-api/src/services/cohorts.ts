import { insertRow } from "../db/insert.js";
import type { Database } from "../db/sqlite.js";
import { ApiError, invalidRequest, notFound } from "../http/api-error.js";
import type { Cohort, CohortCreate, CohortUpdate } from "../schemas/cohorts.js";
import type { AudienceFilters } from "../schemas/filters.js";
import { cohortMemberIds } from "./audience.js";
import { type CohortRow, findCohortRow } from "./cohort-rows.js";
import { json, now } from "./json-columns.js";
import { existingPersonIds } from "./persons.js";

function toCohort(db: Database, row: CohortRow): Cohort {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    is_static: row.is_static === 1,
    filters: json<AudienceFilters>(row.filters),
    is_behavioral: row.is_behavioral === 1,
    count: cohortMemberIds(db, row.project_id, row.id).size,
    deleted: row.deleted === 1,
    created_at: row.created_at,
  };
}

/** The project's cohorts that are not soft-deleted, optionally without behavioral ones. */
export function listCohorts(db: Database, projectId: number, hideBehavioral: boolean): Cohort[] {
  const rows = db
    .prepare("SELECT * FROM cohorts WHERE project_id = ? AND deleted = 0 ORDER BY id")
    .all(projectId) as CohortRow[];
  return rows.filter((row) => !hideBehavioral || row.is_behavioral === 0).map((row) => toCohort(db, row));
}

/** One cohort of the project, or 404. */
export function getCohort(db: Database, projectId: number, id: number): Cohort {
  const row = findCohortRow(db, projectId, id);
  if (!row) throw notFound("Cohort", id);
  return toCohort(db, row);
}

/**
 * True when filters use events or actions, or reference a behavioral cohort. Referenced cohorts store
 * their own flag (computed the same way when they were created), so this is transitive.
 */
function computeIsBehavioral(db: Database, projectId: number, filters: AudienceFilters): boolean {
  if ((filters.events?.length ?? 0) > 0 || (filters.actions?.length ?? 0) > 0) return true;
  return (filters.properties ?? []).some(
    (property) =>
      property.type === "cohort" && findCohortRow(db, projectId, property.value)?.is_behavioral === 1,
  );
}

function checkReferences(db: Database, projectId: number, input: CohortCreate): void {
  (input.filters?.properties ?? []).forEach((property, index) => {
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
  const ids = input.person_ids ?? [];
  const known = existingPersonIds(db, projectId, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw invalidRequest([
      { in: "body", path: "person_ids", message: `unknown person ids: ${unknown.join(", ")}` },
    ]);
  }
}

/** Creates a cohort, storing its computed `is_behavioral`. */
export function createCohort(db: Database, projectId: number, input: CohortCreate): Cohort {
  const isStatic = input.is_static ?? false;
  const filters = input.filters ?? {};
  if (isStatic && Object.values(filters).some((value) => (value?.length ?? 0) > 0)) {
    throw new ApiError(400, "invalid_request", "A static cohort has 'person_ids', not 'filters'.");
  }
  if (!isStatic && input.person_ids) {
    throw new ApiError(400, "invalid_request", "'person_ids' needs 'is_static': true.");
  }
  checkReferences(db, projectId, input);
  const id = db.transaction(() => {
    const cohortId = insertRow(db, "cohorts", {
      project_id: projectId,
      name: input.name,
      description: input.description ?? "",
      is_static: isStatic,
      filters,
      is_behavioral: computeIsBehavioral(db, projectId, filters),
      created_at: now(),
    });
    const add = db.prepare("INSERT OR IGNORE INTO cohort_persons (cohort_id, person_id) VALUES (?, ?)");
    for (const personId of input.person_ids ?? []) add.run(cohortId, personId);
    return cohortId;
  })();
  return getCohort(db, projectId, id);
}

/** Changes a cohort's name or description, or soft-deletes (`deleted: true`) or restores it. */
export function updateCohort(db: Database, projectId: number, id: number, input: CohortUpdate): Cohort {
  if (!findCohortRow(db, projectId, id)) throw notFound("Cohort", id);
  const changes: Array<[string, string | number]> = [];
  if (input.name !== undefined) changes.push(["name", input.name]);
  if (input.description !== undefined) changes.push(["description", input.description]);
  if (input.deleted !== undefined) changes.push(["deleted", input.deleted ? 1 : 0]);
  if (changes.length > 0) {
    db.prepare(
      `UPDATE cohorts SET ${changes.map(([column]) => `${column} = ?`).join(", ")} WHERE id = ? AND project_id = ?`,
    ).run(...changes.map(([, value]) => value), id, projectId);
  }
  return getCohort(db, projectId, id);
}

/** Cohorts are never removed: a DELETE is refused with the update that soft-deletes instead. */
export function refuseCohortDelete(id: number): never {
  throw new ApiError(
    405,
    "method_not_allowed",
    `Cohorts are soft-deleted, not removed: send PATCH /api/cohorts/${id} with {"deleted": true}.`,
  );
}
