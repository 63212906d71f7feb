/**
 * Arguments that pass validation for every tool of the demo catalog, against the seeded data.
 * Calls that must be refused use them, so a refusal that went missing would have written something.
 */
export const VALID_ARGUMENTS: Readonly<Record<string, Record<string, unknown>>> = {
  "alert-create": {
    insight_id: 1,
    name: "Scope probe alert",
    subscribed_users: [1],
    threshold: { type: "absolute", bounds: { lower: 1, upper: null } },
  },
  "alert-delete": { id: 2 },
  "alert-get": { id: 1 },
  "alert-update": { id: 1, name: "Renamed by a probe" },
  "alerts-list": {},
  "cohort-create": { name: "Scope probe cohort", is_static: true, person_ids: [1] },
  "cohort-get": { id: 1 },
  "cohorts-list": {},
  "destination-create": {
    name: "Scope probe webhook",
    template: "webhook",
    inputs: { url: { value: "https://hooks.example.com/probe" } },
    filters: {
      events: [{ id: "$insight_alert_firing", type: "events" }],
      properties: [{ type: "event", key: "alert_id", value: 1 }],
    },
  },
  "destination-delete": { id: 2 },
  "destination-update": { id: 2, name: "Renamed by a probe" },
  "destinations-list": {},
  "insights-list": {},
  "integration-get": { id: 1 },
  "integrations-channels-retrieve": { id: 1 },
  "integrations-list": {},
  "person-get": { id: 1 },
  "persons-list": {},
  "users-list": {},
  whoami: {},
  "workflows-blast-radius": { id: 1 },
  "workflows-audience-size": { id: 1 },
  "workflows-create": { name: "Scope probe workflow", trigger: { type: "batch" } },
  "workflows-get": { id: 1 },
  "workflows-list": {},
  "workflows-list-batch-jobs": { id: 1 },
  "workflows-run-batch": { id: 1, acknowledged_affected_count: 40 },
  "workflows-schedule-create": {
    id: 1,
    acknowledged_affected_count: 40,
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    starts_at: "2027-01-04T09:00:00Z",
  },
  "workflows-update": { id: 2, name: "Renamed by a probe" },
  "workflows-update-schedule": { id: 1, schedule_id: 1, acknowledged_affected_count: 40, status: "paused" },
};
