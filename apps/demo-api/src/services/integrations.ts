import type { Database } from "../db/sqlite.js";
import { notFound } from "../http/api-error.js";
import type { Integration, SlackChannel } from "../schemas/integrations.js";
import { json, now } from "./json-columns.js";

/** Kinds an API-key caller may see; others (twilio) are invisible: 404, never listed. */
const VISIBLE_KINDS: readonly string[] = ["slack", "github"];

interface IntegrationRow {
  id: number;
  kind: string;
  display_name: string;
  config: string;
  created_at: string;
}

// sensitive_config is never selected, so it cannot reach a response by mistake.
const COLUMNS = "id, kind, display_name, config, created_at";

function toIntegration(row: IntegrationRow): Integration {
  return {
    id: row.id,
    kind: row.kind,
    display_name: row.display_name,
    config: json(row.config),
    created_at: row.created_at,
  };
}

/** The project's visible integrations. */
export function listIntegrations(db: Database, projectId: number): Integration[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM integrations WHERE project_id = ? ORDER BY id`)
    .all(projectId) as IntegrationRow[];
  return rows.filter((row) => VISIBLE_KINDS.includes(row.kind)).map(toIntegration);
}

/** One visible integration of the project, or 404 (hidden kinds included). */
export function getIntegration(db: Database, projectId: number, id: number): Integration {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM integrations WHERE id = ? AND project_id = ?`)
    .get(id, projectId) as IntegrationRow | undefined;
  if (!row || !VISIBLE_KINDS.includes(row.kind)) throw notFound("Integration", id);
  return toIntegration(row);
}

/** Asks the (simulated) Slack workspace for its channels. */
function fetchWorkspaceChannels(db: Database, teamId: string): SlackChannel[] {
  const rows = db
    .prepare(
      "SELECT channel_id, name, is_private, is_member FROM slack_workspace_channels WHERE team_id = ? ORDER BY name",
    )
    .all(teamId) as Array<{ channel_id: string; name: string; is_private: number; is_member: number }>;
  return rows.map((row) => ({
    id: row.channel_id,
    name: row.name,
    is_private: row.is_private === 1,
    is_member: row.is_member === 1,
  }));
}

/** A Slack integration's channels, cached on the integration row (so never shared across projects). */
export function listChannels(db: Database, projectId: number, integration: Integration): SlackChannel[] {
  const cached = db
    .prepare("SELECT channels FROM integration_channel_cache WHERE integration_id = ? AND project_id = ?")
    .get(integration.id, projectId) as { channels: string } | undefined;
  if (cached) return json(cached.channels);
  const channels = fetchWorkspaceChannels(db, String(integration.config.team_id ?? ""));
  db.prepare(
    "INSERT OR REPLACE INTO integration_channel_cache (integration_id, project_id, channels, fetched_at) VALUES (?, ?, ?, ?)",
  ).run(integration.id, projectId, JSON.stringify(channels), now());
  return channels;
}
