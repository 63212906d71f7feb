import type { Database } from "../db/sqlite.js";

/** A cohort as stored. */
export interface CohortRow {
  id: number;
  project_id: number;
  name: string;
  description: string;
  is_static: number;
  filters: string;
  is_behavioral: number;
  deleted: number;
  created_at: string;
}

/** The cohort row of the project, or undefined. */
export function findCohortRow(db: Database, projectId: number, id: number): CohortRow | undefined {
  return db.prepare("SELECT * FROM cohorts WHERE id = ? AND project_id = ?").get(id, projectId) as
    | CohortRow
    | undefined;
}
