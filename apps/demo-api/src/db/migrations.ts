/** Schema migrations, applied in order once each; append, never edit an applied one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE projects (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    email TEXT NOT NULL,
    name TEXT NOT NULL
  );
  CREATE TABLE persons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    distinct_id TEXT NOT NULL,
    properties TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX persons_project ON persons(project_id);
  CREATE TABLE cohorts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    is_static INTEGER NOT NULL,
    filters TEXT NOT NULL,
    is_behavioral INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE cohort_persons (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (cohort_id, person_id)
  );
  CREATE TABLE insights (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    short_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    insight_id INTEGER NOT NULL REFERENCES insights(id),
    name TEXT NOT NULL,
    threshold TEXT NOT NULL,
    condition TEXT NOT NULL,
    calculation_interval TEXT NOT NULL,
    subscribed_users TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    state TEXT NOT NULL,
    last_checked_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE integrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    kind TEXT NOT NULL,
    display_name TEXT NOT NULL,
    config TEXT NOT NULL,
    sensitive_config TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE slack_workspace_channels (
    team_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    name TEXT NOT NULL,
    is_private INTEGER NOT NULL,
    is_member INTEGER NOT NULL,
    PRIMARY KEY (team_id, channel_id)
  );
  CREATE TABLE integration_channel_cache (
    integration_id INTEGER PRIMARY KEY REFERENCES integrations(id),
    project_id INTEGER NOT NULL REFERENCES projects(id),
    channels TEXT NOT NULL,
    fetched_at TEXT NOT NULL
  );
  CREATE TABLE destinations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    template TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    inputs TEXT NOT NULL,
    filters TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE workflows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    trigger TEXT NOT NULL,
    filters TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE batch_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    workflow_id INTEGER NOT NULL REFERENCES workflows(id),
    status TEXT NOT NULL,
    affected_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE workflow_schedules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    workflow_id INTEGER NOT NULL REFERENCES workflows(id),
    rrule TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    status TEXT NOT NULL,
    affected_count INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // Cohorts are soft-deleted (PATCH deleted=true), as in PostHog: hidden from the list, kept for references.
  `ALTER TABLE cohorts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;`,
];
