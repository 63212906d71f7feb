import { insertRow, updateRow } from "../db/insert.js";
import type { Database } from "../db/sqlite.js";
import { ApiError, type FieldIssue, invalidRequest, notFound } from "../http/api-error.js";
import {
  type Destination,
  type DestinationCreate,
  type DestinationInputs,
  type DestinationUpdate,
  inputsIssues,
} from "../schemas/destinations.js";
import { getIntegration, listChannels } from "./integrations.js";
import { json, now } from "./json-columns.js";

interface DestinationRow {
  id: number;
  name: string;
  description: string;
  template: Destination["template"];
  enabled: number;
  inputs: string;
  filters: string;
  created_at: string;
  updated_at: string;
}

function toDestination(row: DestinationRow): Destination {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    template: row.template,
    enabled: row.enabled === 1,
    inputs: json(row.inputs),
    filters: json(row.filters),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function targetsAlert(destination: Destination, alertId: number): boolean {
  return (destination.filters.properties ?? []).some(
    (property) => property.key === "alert_id" && String(property.value) === String(alertId),
  );
}

/** The project's destinations, optionally only those filtered on one alert id. */
export function listDestinations(db: Database, projectId: number, alertId?: number): Destination[] {
  const rows = db
    .prepare("SELECT * FROM destinations WHERE project_id = ? ORDER BY id")
    .all(projectId) as DestinationRow[];
  const destinations = rows.map(toDestination);
  return alertId === undefined
    ? destinations
    : destinations.filter((destination) => targetsAlert(destination, alertId));
}

/** One destination of the project, or 404. */
export function getDestination(db: Database, projectId: number, id: number): Destination {
  const row = db.prepare("SELECT * FROM destinations WHERE id = ? AND project_id = ?").get(id, projectId) as
    | DestinationRow
    | undefined;
  if (!row) throw notFound("Destination", id);
  return toDestination(row);
}

/** A Slack destination must name a Slack integration of the project and one of its channels. */
function checkSlackInputs(db: Database, projectId: number, inputs: DestinationInputs): void {
  const integrationId = Number(inputs.slack_workspace?.value);
  let integration: ReturnType<typeof getIntegration>;
  try {
    integration = getIntegration(db, projectId, integrationId);
  } catch {
    throw invalidRequest([
      {
        in: "body",
        path: "inputs.slack_workspace.value",
        message: `integration ${integrationId} does not exist`,
      },
    ]);
  }
  if (integration.kind !== "slack") {
    throw invalidRequest([
      {
        in: "body",
        path: "inputs.slack_workspace.value",
        message: `integration ${integrationId} is not a Slack integration`,
      },
    ]);
  }
  const channel = String(inputs.channel?.value);
  if (!listChannels(db, projectId, integration).some((candidate) => candidate.id === channel)) {
    throw invalidRequest([
      {
        in: "body",
        path: "inputs.channel.value",
        message: `channel '${channel}' is not in the workspace; use a channel id from integrations-channels-retrieve`,
      },
    ]);
  }
}

/** New inputs on update must be complete for the stored template. */
function checkInputsForTemplate(template: Destination["template"], inputs: DestinationInputs): void {
  const issues: FieldIssue[] = inputsIssues(template, inputs).map((issue) => ({
    in: "body",
    path: `inputs.${issue.key}`,
    message: issue.message,
  }));
  if (issues.length > 0) throw invalidRequest(issues);
}

/** Creates a destination. */
export function createDestination(db: Database, projectId: number, input: DestinationCreate): Destination {
  if (input.template === "slack") checkSlackInputs(db, projectId, input.inputs);
  const timestamp = now();
  const id = insertRow(db, "destinations", {
    project_id: projectId,
    name: input.name,
    description: input.description ?? "",
    template: input.template,
    enabled: input.enabled ?? true,
    inputs: input.inputs,
    filters: input.filters,
    created_at: timestamp,
    updated_at: timestamp,
  });
  return getDestination(db, projectId, id);
}

/** Updates a destination; new inputs are validated against its template. */
export function updateDestination(
  db: Database,
  projectId: number,
  id: number,
  input: DestinationUpdate,
): Destination {
  const existing = getDestination(db, projectId, id);
  const changes: Record<string, unknown> = { ...input, updated_at: now() };
  if (input.inputs) {
    checkInputsForTemplate(existing.template, input.inputs);
    if (existing.template === "slack") checkSlackInputs(db, projectId, input.inputs);
  }
  if (Object.keys(input).length === 0) {
    throw new ApiError(400, "invalid_request", "Nothing to update: send at least one field.");
  }
  updateRow(db, "destinations", id, changes);
  return getDestination(db, projectId, id);
}

/** Deletes a destination. */
export function deleteDestination(db: Database, projectId: number, id: number): void {
  getDestination(db, projectId, id);
  db.prepare("DELETE FROM destinations WHERE id = ?").run(id);
}
