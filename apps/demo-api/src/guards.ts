import { type Guard, GuardSchema } from "@toolwright/core";

/**
 * The demo API's dangerous-operation rules, declared once as core guards. The API enforces them with
 * `evaluateGuards`; the MCP definitions (mcp/*.yaml) carry the same objects, and a test keeps them equal.
 */
function guard(input: unknown): Guard {
  return GuardSchema.parse(input);
}

/** Reads the workflow a call targets. */
const WORKFLOW_TARGET = { operation: "workflows_retrieve", params: { id: "{args.id}" } };

/** Only an active workflow can run or be scheduled. */
export const WORKFLOW_ACTIVE_GUARD = guard({
  type: "require_state",
  target: WORKFLOW_TARGET,
  field: "status",
  allowed: ["active"],
  message:
    "Only an active workflow can run or be scheduled. Activate it first (workflows-update with status 'active' while it is a draft).",
});

/** Only a batch-triggered workflow can run as a batch. */
export const WORKFLOW_BATCH_TRIGGER_GUARD = guard({
  type: "require_state",
  target: WORKFLOW_TARGET,
  field: "trigger.type",
  allowed: ["batch"],
  message:
    "Only a workflow with a batch trigger can run as a batch or on a schedule; event workflows run on their event.",
});

/** The caller echoes the audience size it showed the user; at most 5000 persons per run. */
export const ACKNOWLEDGED_AUDIENCE_GUARD = guard({
  type: "acknowledged_count",
  argument: "acknowledged_affected_count",
  count: { operation: "workflows_blast_radius", params: { id: "{args.id}" }, field: "affected" },
  max: 5000,
  noun: "audience",
});

/** Every guard of a batch run, a new schedule, and a schedule change. */
export const BATCH_RUN_GUARDS: readonly Guard[] = [
  WORKFLOW_ACTIVE_GUARD,
  WORKFLOW_BATCH_TRIGGER_GUARD,
  ACKNOWLEDGED_AUDIENCE_GUARD,
];

/** Active workflows are not editable by API-key callers; draft and archived ones are. */
export const WORKFLOW_EDITABLE_GUARD = guard({
  type: "require_state",
  target: WORKFLOW_TARGET,
  field: "status",
  allowed: ["draft", "archived"],
  message:
    "This workflow is active and cannot be edited or deleted with an API key. Ask a person to pause it in the app, or create a new draft workflow.",
});

/** A workflow audience is person properties and cohorts only. */
export const NO_AUDIENCE_EVENTS_GUARD = guard({
  type: "reject_fields",
  fields: ["filters.events", "filters.actions"],
  message:
    "A workflow audience cannot filter on events or actions. Use person property conditions or a non-behavioral cohort in filters.properties.",
});

/** No behavioral cohort (directly or nested) in a workflow audience. */
export const NO_BEHAVIORAL_COHORTS_GUARD = guard({
  type: "allow_values",
  each: { path: "filters.properties.*", where: { type: "cohort" } },
  target: { operation: "cohorts_retrieve", params: { id: "{item.value}" } },
  field: "is_behavioral",
  allowed: [false],
  message:
    "Behavioral cohorts (event-based, directly or through a referenced cohort) cannot be a workflow audience. List cohorts with hide_behavioral_cohorts=true and pick one of those.",
});

const ACTIVATION_MESSAGE =
  "An active workflow messages its audience: count it first (workflows-audience-size, or POST /api/workflows/audience_size, with the same filters and the workflow's id when updating), show the user the number, and pass it as acknowledged_affected_count.";

/**
 * Making a workflow active (created active, or a draft or archived one set to active) needs the
 * acknowledged size of the audience it will then reach, under the same cap as a batch run. On create
 * that is the given filters (everyone without any).
 */
export const ACTIVATE_ON_CREATE_GUARD = guard({
  type: "acknowledged_count",
  when: { status: "active" },
  argument: "acknowledged_affected_count",
  count: { operation: "workflows_audience_size", params: { filters: "{args.filters?}" }, field: "affected" },
  max: 5000,
  noun: "audience",
  message: ACTIVATION_MESSAGE,
});

/** On update: the filters sent in the same call (a widened audience is what gets counted), else the stored ones. */
export const ACTIVATE_ON_UPDATE_GUARD = guard({
  type: "acknowledged_count",
  when: { status: "active" },
  argument: "acknowledged_affected_count",
  count: {
    operation: "workflows_audience_size",
    params: { id: "{args.id}", filters: "{args.filters?}" },
    field: "affected",
  },
  max: 5000,
  noun: "audience",
  message: ACTIVATION_MESSAGE,
});

/** Audience rules for creating a workflow, then the activation count. */
export const WORKFLOW_CREATE_GUARDS: readonly Guard[] = [
  NO_AUDIENCE_EVENTS_GUARD,
  NO_BEHAVIORAL_COHORTS_GUARD,
  ACTIVATE_ON_CREATE_GUARD,
];

/** Rules for updating a workflow: not while active, the audience rules, and the activation count. */
export const WORKFLOW_UPDATE_GUARDS: readonly Guard[] = [
  WORKFLOW_EDITABLE_GUARD,
  NO_AUDIENCE_EVENTS_GUARD,
  NO_BEHAVIORAL_COHORTS_GUARD,
  ACTIVATE_ON_UPDATE_GUARD,
];

/** Rules for deleting a workflow: not while active. */
export const WORKFLOW_DELETE_GUARDS: readonly Guard[] = [WORKFLOW_EDITABLE_GUARD];

/** Channels exist only on Slack integrations. */
export const SLACK_ONLY_GUARD = guard({
  type: "allow_values",
  target: { operation: "integrations_retrieve", params: { id: "{args.id}" } },
  field: "kind",
  allowed: ["slack"],
  message:
    "Only Slack integrations have channels. Pick an integration of kind 'slack' from integrations-list.",
});

/**
 * Listing channels calls Slack: at most 30 listings a minute per project (every key of the project
 * together), so an agent loop cannot drive it. First, so a refused call costs no lookup.
 */
export const CHANNELS_RATE_LIMIT_GUARD = guard({
  type: "rate_limit",
  per: "project",
  limit: 30,
  window_seconds: 60,
});

/** The channel listing's guards. */
export const CHANNEL_GUARDS: readonly Guard[] = [CHANNELS_RATE_LIMIT_GUARD, SLACK_ONLY_GUARD];
