import { SCOPE_RESOURCES } from "../scopes.js";

/** A person who can sign in at the demo authorization server; each belongs to one project. */
export interface DemoUser {
  username: string;
  password: string;
  projectId: number;
  /** The most this person may grant a client (consent narrows it to what was asked). */
  scopes: readonly string[];
}

/** Every API scope an OAuth client can ask for (no `*`: clients ask for what they need). */
export const OAUTH_SCOPES: readonly string[] = SCOPE_RESOURCES.flatMap((resource) => [
  `${resource}:read`,
  `${resource}:write`,
]);

const READ_SCOPES = OAUTH_SCOPES.filter((scope) => scope.endsWith(":read"));

/** Seeded users, printed by `pnpm start`: demo credentials for a local sandbox, not secrets. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: "alice", password: "alice-demo", projectId: 1, scopes: OAUTH_SCOPES },
  { username: "riley", password: "riley-demo", projectId: 1, scopes: READ_SCOPES },
  { username: "bob", password: "bob-demo", projectId: 2, scopes: OAUTH_SCOPES },
];

/** The user with these credentials; null when none matches. */
export function findDemoUser(username: string, password: string): DemoUser | null {
  return DEMO_USERS.find((user) => user.username === username && user.password === password) ?? null;
}

export function demoUserById(username: string): DemoUser | null {
  return DEMO_USERS.find((user) => user.username === username) ?? null;
}

const WORDS: Record<string, string> = {
  person: "people (profiles and their properties)",
  cohort: "cohorts (saved groups of people)",
  insight: "insights (charts and their results)",
  alert: "alerts on insights",
  integration: "integrations (Slack, webhooks, email)",
  hog_function: "destinations (where events are sent)",
  hog_flow: "workflows (automated messages and actions)",
  api_key: "API keys",
  organization_member: "members of the organization",
};

/** A scope in plain words for the consent page, e.g. `cohort:write` -> "Create, change and delete cohorts …". */
export function describeScope(scope: string): string {
  const [resource = "", access] = scope.split(":");
  const what = WORDS[resource] ?? resource;
  return access === "write" ? `Create, change and delete ${what}` : `See ${what}`;
}
