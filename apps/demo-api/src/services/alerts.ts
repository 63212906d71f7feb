import { insertRow, updateRow } from "../db/insert.js";
import type { Database } from "../db/sqlite.js";
import { invalidRequest, notFound } from "../http/api-error.js";
import type { Alert, AlertCreate, AlertUpdate, Insight } from "../schemas/alerts.js";
import { json, now } from "./json-columns.js";

interface AlertRow {
  id: number;
  name: string;
  insight_id: number;
  threshold: string;
  condition: string;
  calculation_interval: Alert["calculation_interval"];
  subscribed_users: string;
  enabled: number;
  state: Alert["state"];
  last_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    name: row.name,
    insight_id: row.insight_id,
    threshold: json(row.threshold),
    condition: json(row.condition),
    calculation_interval: row.calculation_interval,
    subscribed_users: json(row.subscribed_users),
    enabled: row.enabled === 1,
    state: row.state,
    last_checked_at: row.last_checked_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The project's insights. */
export function listInsights(db: Database, projectId: number): Insight[] {
  return db
    .prepare(
      "SELECT id, short_id, name, description, kind, created_at FROM insights WHERE project_id = ? ORDER BY id",
    )
    .all(projectId) as Insight[];
}

/** One insight of the project, or 404. */
export function getInsight(db: Database, projectId: number, id: number): Insight {
  const row = db
    .prepare(
      "SELECT id, short_id, name, description, kind, created_at FROM insights WHERE id = ? AND project_id = ?",
    )
    .get(id, projectId) as Insight | undefined;
  if (!row) throw notFound("Insight", id);
  return row;
}

/** The project's alerts, optionally of one insight. */
export function listAlerts(db: Database, projectId: number, insightId?: number): Alert[] {
  const rows = db
    .prepare("SELECT * FROM alerts WHERE project_id = ? ORDER BY id")
    .all(projectId) as AlertRow[];
  return rows.filter((row) => insightId === undefined || row.insight_id === insightId).map(toAlert);
}

/** One alert of the project, or 404. */
export function getAlert(db: Database, projectId: number, id: number): Alert {
  const row = db.prepare("SELECT * FROM alerts WHERE id = ? AND project_id = ?").get(id, projectId) as
    | AlertRow
    | undefined;
  if (!row) throw notFound("Alert", id);
  return toAlert(row);
}

function checkUsers(db: Database, projectId: number, users: readonly number[] | undefined): void {
  if (!users) return;
  const rows = db.prepare("SELECT id FROM users WHERE project_id = ?").all(projectId) as Array<{
    id: number;
  }>;
  const known = new Set(rows.map((row) => row.id));
  const unknown = users.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw invalidRequest([
      { in: "body", path: "subscribed_users", message: `unknown user ids: ${unknown.join(", ")}` },
    ]);
  }
}

/** Creates an alert on an insight of the project; it starts `NotFiring`. */
export function createAlert(db: Database, projectId: number, input: AlertCreate): Alert {
  const insight = db
    .prepare("SELECT id FROM insights WHERE id = ? AND project_id = ?")
    .get(input.insight_id, projectId);
  if (!insight) {
    throw invalidRequest([
      { in: "body", path: "insight_id", message: `insight ${input.insight_id} does not exist` },
    ]);
  }
  checkUsers(db, projectId, input.subscribed_users);
  const timestamp = now();
  const id = insertRow(db, "alerts", {
    project_id: projectId,
    insight_id: input.insight_id,
    name: input.name,
    threshold: input.threshold,
    condition: input.condition ?? { type: "absolute_value" },
    calculation_interval: input.calculation_interval ?? "daily",
    subscribed_users: input.subscribed_users,
    enabled: input.enabled ?? true,
    state: "NotFiring",
    last_checked_at: null,
    created_at: timestamp,
    updated_at: timestamp,
  });
  return getAlert(db, projectId, id);
}

/** Updates the given fields of an alert. */
export function updateAlert(db: Database, projectId: number, id: number, input: AlertUpdate): Alert {
  getAlert(db, projectId, id);
  checkUsers(db, projectId, input.subscribed_users);
  const changes: Record<string, unknown> = { ...input, updated_at: now() };
  updateRow(db, "alerts", id, changes);
  return getAlert(db, projectId, id);
}

/** Deletes an alert. */
export function deleteAlert(db: Database, projectId: number, id: number): void {
  getAlert(db, projectId, id);
  db.prepare("DELETE FROM alerts WHERE id = ?").run(id);
}
