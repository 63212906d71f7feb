import { DEMO_KEYS } from "../scopes.js";
import { storeKey } from "../services/keys.js";
import { insertRow } from "./insert.js";
import { pickWeighted, seededRandom } from "./random.js";
import type { Database } from "./sqlite.js";

/** Fixed timestamps keep the seed identical on every run. */
const SEEDED_AT = "2026-01-05T09:00:00.000Z";

const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chloe",
  "Dev",
  "Elena",
  "Farid",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kiko",
  "Lena",
];
const LAST_NAMES = [
  "Alvarez",
  "Brown",
  "Chen",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ito",
  "Jensen",
];
const COUNTRIES = [
  ["US", 30],
  ["DE", 15],
  ["GB", 15],
  ["FR", 10],
  ["BR", 10],
  ["IN", 10],
  ["JP", 5],
  ["CA", 5],
] as const;
const PLANS = [
  ["free", 50],
  ["starter", 25],
  ["growth", 13],
  ["enterprise", 12],
] as const;

const SLACK_CHANNELS = [
  ["C01ALERTS", "alerts", false, true],
  ["C02GENERAL", "general", false, true],
  ["C03GROWTH", "growth", false, true],
  ["C04RANDOM", "random", false, false],
  ["C05ONCALL", "ops-oncall", true, true],
  ["C06EXEC", "exec-private", true, false],
] as const;

interface SeededPerson {
  id: number;
  properties: Record<string, unknown>;
}

function seedPersons(db: Database, projectId: number, count: number, seed: number): SeededPerson[] {
  const random = seededRandom(seed);
  const persons: SeededPerson[] = [];
  for (let index = 0; index < count; index++) {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)] as string;
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)] as string;
    const properties = {
      email: `${first}.${last}.${projectId}${index}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      plan: pickWeighted(random, PLANS),
      country: pickWeighted(random, COUNTRIES),
      company_size: 1 + Math.floor(random() * 500),
      is_beta: random() < 0.15,
      pageviews_30d: Math.floor(random() * 60),
    };
    const distinctId = `user-${projectId}-${String(index + 1).padStart(4, "0")}`;
    const id = insertRow(db, "persons", {
      project_id: projectId,
      distinct_id: distinctId,
      properties,
      created_at: SEEDED_AT,
    });
    persons.push({ id, properties });
  }
  return persons;
}

function seedCohort(
  db: Database,
  projectId: number,
  cohort: { name: string; description: string; isStatic: boolean; filters: object; isBehavioral: boolean },
  members: readonly SeededPerson[] = [],
): number {
  const id = insertRow(db, "cohorts", {
    project_id: projectId,
    name: cohort.name,
    description: cohort.description,
    is_static: cohort.isStatic,
    filters: cohort.filters,
    is_behavioral: cohort.isBehavioral,
    created_at: SEEDED_AT,
  });
  const add = db.prepare("INSERT INTO cohort_persons (cohort_id, person_id) VALUES (?, ?)");
  for (const person of members) add.run(id, person.id);
  return id;
}

function seedCohorts(
  db: Database,
  projectId: number,
  persons: readonly SeededPerson[],
): Record<string, number> {
  const beta = seedCohort(
    db,
    projectId,
    {
      name: "Beta testers",
      description: "Hand-picked beta program members.",
      isStatic: true,
      filters: {},
      isBehavioral: false,
    },
    persons.filter((person) => person.properties.is_beta === true),
  );
  const enterprise = seedCohort(db, projectId, {
    name: "Enterprise customers",
    description: "Everyone on the enterprise plan.",
    isStatic: false,
    filters: { properties: [{ type: "person", key: "plan", value: "enterprise" }] },
    isBehavioral: false,
  });
  // Behavioral membership comes from events this demo does not store, so it is kept as a snapshot.
  const power = seedCohort(
    db,
    projectId,
    {
      name: "Power users (30 days)",
      description: "Viewed at least 20 pages in the last 30 days.",
      isStatic: false,
      filters: { events: [{ id: "$pageview", type: "events", days: 30, min_count: 20 }] },
      isBehavioral: true,
    },
    persons.filter((person) => Number(person.properties.pageviews_30d) >= 20),
  );
  const enterprisePower = seedCohort(db, projectId, {
    name: "Enterprise power users",
    description: "Enterprise customers who are also power users.",
    isStatic: false,
    filters: {
      properties: [
        { type: "cohort", value: enterprise },
        { type: "cohort", value: power },
      ],
    },
    isBehavioral: true,
  });
  const german = seedCohort(db, projectId, {
    name: "German users",
    description: "Persons in Germany.",
    isStatic: false,
    filters: { properties: [{ type: "person", key: "country", value: "DE" }] },
    isBehavioral: false,
  });
  return { beta, enterprise, power, enterprisePower, german };
}

function seedAlert(
  db: Database,
  projectId: number,
  alert: {
    name: string;
    insightId: number;
    upper: number | null;
    lower: number | null;
    state: string;
    users: number[];
  },
): number {
  return insertRow(db, "alerts", {
    project_id: projectId,
    insight_id: alert.insightId,
    name: alert.name,
    threshold: { type: "absolute", bounds: { lower: alert.lower, upper: alert.upper } },
    condition: { type: "absolute_value" },
    calculation_interval: "daily",
    subscribed_users: alert.users,
    enabled: true,
    state: alert.state,
    last_checked_at: "2026-01-05T08:00:00.000Z",
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  });
}

function seedIntegrations(db: Database, projectId: number, teamId: string, label: string) {
  const slack = insertRow(db, "integrations", {
    project_id: projectId,
    kind: "slack",
    display_name: `${label} Slack`,
    config: { team_id: teamId, team_name: label },
    sensitive_config: { access_token: `xoxb-demo-${teamId.toLowerCase()}-secret` },
    created_at: SEEDED_AT,
  });
  const github = insertRow(db, "integrations", {
    project_id: projectId,
    kind: "github",
    display_name: `${label} GitHub`,
    config: { organization: label.toLowerCase() },
    sensitive_config: { installation_token: "ghs_demo_secret" },
    created_at: SEEDED_AT,
  });
  const twilio = insertRow(db, "integrations", {
    project_id: projectId,
    kind: "twilio",
    display_name: `${label} Twilio`,
    config: { phone_number: "+15550100" },
    sensitive_config: { auth_token: "twilio_demo_secret" },
    created_at: SEEDED_AT,
  });
  const channel = db.prepare(
    "INSERT INTO slack_workspace_channels (team_id, channel_id, name, is_private, is_member) VALUES (?, ?, ?, ?, ?)",
  );
  for (const [id, name, isPrivate, isMember] of SLACK_CHANNELS) {
    channel.run(teamId, `${id}${teamId.slice(-1)}`, name, isPrivate ? 1 : 0, isMember ? 1 : 0);
  }
  return { slack, github, twilio };
}

function alertDestinationFilters(alertId: number) {
  return {
    events: [{ id: "$insight_alert_firing", type: "events" }],
    properties: [{ type: "event", key: "alert_id", value: alertId }],
  };
}

function seedWorkflow(
  db: Database,
  projectId: number,
  workflow: { name: string; description: string; status: string; trigger: object; filters: object },
): number {
  return insertRow(db, "workflows", {
    project_id: projectId,
    ...workflow,
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  });
}

function seedMainProject(db: Database): void {
  const projectId = insertRow(db, "projects", { name: "Hedgebox", created_at: SEEDED_AT });
  for (const demo of [DEMO_KEYS.admin, DEMO_KEYS.reader]) {
    storeKey(db, { projectId, name: demo.name, secret: demo.key, scopes: demo.scopes, createdAt: SEEDED_AT });
  }
  const users = ["ada@hedgebox.example", "ben@hedgebox.example", "chloe@hedgebox.example"].map((email) =>
    insertRow(db, "users", { project_id: projectId, email, name: email.split("@")[0] as string }),
  );
  const persons = seedPersons(db, projectId, 240, 20260105);
  const cohorts = seedCohorts(db, projectId, persons);
  const insight = (shortId: string, name: string, description: string) =>
    insertRow(db, "insights", {
      project_id: projectId,
      short_id: shortId,
      name,
      description,
      kind: "trends",
      created_at: SEEDED_AT,
    });
  const signups = insight("sgnUp001", "Weekly signups", "New signups per week.");
  insight("chkOut02", "Checkout conversion", "Share of checkouts that complete.");
  const errors = insight("apiErr03", "API errors", "5xx responses per hour.");
  const signupAlert = seedAlert(db, projectId, {
    name: "Signups dropped",
    insightId: signups,
    lower: 100,
    upper: null,
    state: "Firing",
    users: [users[0] as number],
  });
  const errorAlert = seedAlert(db, projectId, {
    name: "API error spike",
    insightId: errors,
    lower: null,
    upper: 50,
    state: "NotFiring",
    users: users.slice(0, 2),
  });
  const integrations = seedIntegrations(db, projectId, "T0HEDGE1", "Hedgebox");
  insertRow(db, "destinations", {
    project_id: projectId,
    name: "Signups dropped → #alerts",
    description: "Posts the signups alert to Slack.",
    template: "slack",
    enabled: true,
    inputs: { slack_workspace: { value: integrations.slack }, channel: { value: "C01ALERTS1" } },
    filters: alertDestinationFilters(signupAlert),
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  });
  insertRow(db, "destinations", {
    project_id: projectId,
    name: "API errors → on-call webhook",
    description: "Pages on-call when API errors spike.",
    template: "webhook",
    enabled: true,
    inputs: { url: { value: "https://hooks.example.com/oncall" } },
    filters: alertDestinationFilters(errorAlert),
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  });
  seedWorkflow(db, projectId, {
    name: "Enterprise renewal reminder",
    description: "Reminds enterprise customers about their renewal.",
    status: "active",
    trigger: { type: "batch" },
    filters: { properties: [{ type: "person", key: "plan", value: "enterprise" }] },
  });
  seedWorkflow(db, projectId, {
    name: "German product newsletter",
    description: "Monthly newsletter for German users (draft).",
    status: "draft",
    trigger: { type: "batch" },
    filters: { properties: [{ type: "cohort", value: cohorts.german }] },
  });
  seedWorkflow(db, projectId, {
    name: "Welcome email",
    description: "Sent when someone signs up.",
    status: "active",
    trigger: { type: "event", event: "$signup" },
    filters: { properties: [] },
  });
  seedWorkflow(db, projectId, {
    name: "Everyone announcement",
    description: "An old all-hands announcement to every person (archived).",
    status: "archived",
    trigger: { type: "batch" },
    filters: { properties: [] },
  });
}

function seedOtherProject(db: Database): void {
  const projectId = insertRow(db, "projects", { name: "Other Co", created_at: SEEDED_AT });
  const demo = DEMO_KEYS.other;
  storeKey(db, { projectId, name: demo.name, secret: demo.key, scopes: demo.scopes, createdAt: SEEDED_AT });
  const user = insertRow(db, "users", { project_id: projectId, email: "owner@other.example", name: "owner" });
  const persons = seedPersons(db, projectId, 12, 7);
  seedCohort(
    db,
    projectId,
    { name: "Other beta", description: "", isStatic: true, filters: {}, isBehavioral: false },
    persons.slice(0, 3),
  );
  const insightId = insertRow(db, "insights", {
    project_id: projectId,
    short_id: "othr0001",
    name: "Other signups",
    description: "",
    kind: "trends",
    created_at: SEEDED_AT,
  });
  const alertId = seedAlert(db, projectId, {
    name: "Other alert",
    insightId,
    lower: 1,
    upper: null,
    state: "NotFiring",
    users: [user],
  });
  const integrations = seedIntegrations(db, projectId, "T0OTHER2", "Other");
  insertRow(db, "destinations", {
    project_id: projectId,
    name: "Other alert → Slack",
    description: "",
    template: "slack",
    enabled: true,
    inputs: { slack_workspace: { value: integrations.slack }, channel: { value: "C01ALERTS2" } },
    filters: alertDestinationFilters(alertId),
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  });
  seedWorkflow(db, projectId, {
    name: "Other batch",
    description: "",
    status: "active",
    trigger: { type: "batch" },
    filters: { properties: [] },
  });
}

/** Fills a fresh database with the demo projects; deterministic (seeded random, fixed timestamps). */
export function seedDemoData(db: Database): void {
  seedMainProject(db);
  seedOtherProject(db);
}
