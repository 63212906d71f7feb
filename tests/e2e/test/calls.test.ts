import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { apiRequest } from "@toolwright/testkit/demo-api-client.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Item, type Page, succeeded } from "./support/tool-results.js";

let stack: DemoStack;
let admin: Client;

beforeAll(async () => {
  stack = await startDemoStack();
  admin = await connectClient(stack.mcp.url, stack.keys.admin.key);
});
afterAll(async () => {
  await admin?.close();
  await stack?.close();
});

/** Calls a tool as the admin and parses its JSON text, failing with the tool's message when it is an error. */
function call<T = Item>(name: string, args: Record<string, unknown> = {}): Promise<T> {
  return succeeded<T>(admin, name, args);
}

function link(path: string): string {
  return `${stack.api.url}${path}`;
}

/** One page of the demo API's list endpoint at `path`, read straight from the API as the admin. */
async function directPage(path: string): Promise<Page<Item>> {
  return (await apiRequest<Page<Item>>(stack.api.url, stack.keys.admin.key, "GET", path)).body;
}

describe("persons", () => {
  it("persons-list honours limit, keeps only the YAML's include per item and links each person", async () => {
    const page = await call<Page<Item>>("persons-list", { limit: 5 });
    expect(page.count).toBe(240);
    expect(page.results).toHaveLength(5);
    for (const person of page.results) {
      expect(Object.keys(person).sort()).toEqual(["distinct_id", "id", "properties", "url"]);
      expect(Object.keys(person.properties as object).sort()).toEqual(["country", "email", "name", "plan"]);
      expect(person.url).toBe(link(`/persons/${person.id}`));
    }
    const direct = await directPage("/api/persons?limit=5");
    expect(page.results.map((person) => person.id)).toEqual(direct.results.map((person) => person.id));
    expect(Object.keys(direct.results[0]?.properties as object)).toContain("company_size");
  });

  it("persons-list hands over the next page as arguments of the same tool, not the upstream's URL", async () => {
    const first = await call<Page<Item> & { next?: unknown; next_arguments?: Record<string, unknown> }>(
      "persons-list",
      { limit: 5, search: "example" },
    );
    expect(first.next).toBeUndefined();
    expect(first.next_arguments).toEqual({ limit: 5, offset: 5, search: "example" });
    const second = await call<Page<Item>>("persons-list", first.next_arguments);
    const direct = await directPage("/api/persons?limit=5&offset=5&search=example");
    expect(second.results.map((person) => person.id)).toEqual(direct.results.map((person) => person.id));
    expect(second.results.map((person) => person.id)).not.toEqual(first.results.map((person) => person.id));
    expect(JSON.stringify(first)).not.toContain("offset=");
  });

  it("persons-list search finds a person by email", async () => {
    const [first] = (await call<Page<Item>>("persons-list", { limit: 1 })).results;
    expect(first).toBeDefined();
    const email = (first?.properties as { email: string } | undefined)?.email;
    const found = await call<Page<Item>>("persons-list", { search: email });
    expect(found.results.map((person) => person.id)).toEqual([first?.id]);
  });
});

describe("cohorts", () => {
  it("cohorts-list applies the include and hides behavioral cohorts on request", async () => {
    const all = await call<Page<Item>>("cohorts-list");
    expect(all.results.map((cohort) => cohort.name)).toEqual([
      "Beta testers",
      "Enterprise customers",
      "Power users (30 days)",
      "Enterprise power users",
      "German users",
    ]);
    for (const cohort of all.results) {
      expect(Object.keys(cohort).sort()).toEqual(
        ["count", "description", "id", "is_behavioral", "is_static", "name", "url"].sort(),
      );
      expect(cohort.url).toBe(link(`/cohorts/${cohort.id}`));
    }
    const usable = await call<Page<Item>>("cohorts-list", { hide_behavioral_cohorts: true });
    expect(usable.results.every((cohort) => cohort.is_behavioral === false)).toBe(true);
    expect(usable.results.map((cohort) => cohort.name)).toEqual([
      "Beta testers",
      "Enterprise customers",
      "German users",
    ]);
  });

  it("cohort-get returns the filters and a link; cohort-create creates a dynamic cohort", async () => {
    const enterprise = await call("cohort-get", { id: 2 });
    expect(enterprise.name).toBe("Enterprise customers");
    expect(enterprise.filters).toEqual({
      properties: [{ type: "person", key: "plan", value: "enterprise" }],
    });
    expect(enterprise.url).toBe(link("/cohorts/2"));

    const created = await call("cohort-create", {
      name: "French users",
      filters: { properties: [{ type: "person", key: "country", value: "FR" }] },
    });
    expect(created.is_behavioral).toBe(false);
    expect(created.url).toBe(link(`/cohorts/${created.id}`));
    const stored = await apiRequest<Item>(
      stack.api.url,
      stack.keys.admin.key,
      "GET",
      `/api/cohorts/${created.id}`,
    );
    expect(stored.status).toBe(200);
    expect(stored.body.name).toBe("French users");
    expect(stored.body.count).toBeGreaterThan(0);
  });
});

describe("alerts", () => {
  it("creates, reads and updates an alert on an insight", async () => {
    const insights = await call<Page<Item>>("insights-list");
    const checkout = insights.results.find((insight) => insight.name === "Checkout conversion");
    expect(checkout).toBeDefined();
    const users = await call<Page<Item>>("users-list");
    expect(users.results.map((user) => Object.keys(user).sort())).toEqual(
      users.results.map(() => ["email", "id", "name"]),
    );

    const created = await call("alert-create", {
      insight_id: checkout?.id,
      name: "Checkout conversion low",
      subscribed_users: [users.results[0]?.id],
      threshold: { type: "absolute", bounds: { lower: 0.2 } },
    });
    expect(created.url).toBe(link(`/alerts/${created.id}`));

    const fetched = await call("alert-get", { id: created.id });
    expect(fetched.name).toBe("Checkout conversion low");
    expect(fetched.insight_id).toBe(checkout?.id);
    expect(fetched.url).toBe(link(`/alerts/${created.id}`));

    const updated = await call("alert-update", {
      id: created.id,
      name: "Checkout conversion very low",
      enabled: false,
    });
    expect(updated.name).toBe("Checkout conversion very low");
    const stored = await apiRequest<Item>(
      stack.api.url,
      stack.keys.admin.key,
      "GET",
      `/api/alerts/${created.id}`,
    );
    expect(stored.body).toMatchObject({
      name: "Checkout conversion very low",
      enabled: false,
      insight_id: checkout?.id,
    });

    const listed = await call<Page<Item>>("alerts-list");
    expect(listed.results.map((alert) => alert.id)).toContain(created.id);
    for (const alert of listed.results) expect(alert).not.toHaveProperty("created_at");
  });

  // Bug report: apps/demo-api/mcp/alerts.yaml gives insights-list `enrich_url: "{id}"` under the file's
  // `url_prefix: /alerts`, so insight 1 links to /alerts/1, which is the page of *alert* 1.
  it("links insights to an insight page, not to the alert with the same id", async () => {
    const insights = await call<Page<Item>>("insights-list");
    for (const insight of insights.results) {
      expect(insight.url).toBeDefined();
      expect(insight.url).not.toBe(link(`/alerts/${insight.id}`));
      expect(insight.url).toContain("/insights/");
    }
  });
});

describe("integrations and destinations: the alert → Slack recipe", () => {
  it("finds the Slack integration and channel, checks for duplicates, then creates the destination", async () => {
    const integrations = await call<Page<Item>>("integrations-list");
    expect(integrations.results.map((integration) => integration.kind)).toEqual(["slack", "github"]);
    for (const integration of integrations.results) {
      expect(Object.keys(integration).sort()).toEqual(["display_name", "id", "kind", "url"]);
    }
    const slack = integrations.results.find((integration) => integration.kind === "slack");
    const channels = await call<Page<{ id: string; name: string; is_member: boolean }>>(
      "integrations-channels-retrieve",
      { id: slack?.id },
    );
    expect(channels.count).toBe(6);
    const growth = channels.results.find((channel) => channel.name === "growth");
    expect(growth).toMatchObject({ id: "C03GROWTH1", is_member: true });

    const alert = (await call<Page<Item>>("alerts-list")).results.find(
      (item) => item.name === "API error spike",
    );
    const before = await call<Page<Item>>("destinations-list", { alert_id: alert?.id });
    expect(before.results.map((destination) => destination.template)).toEqual(["webhook"]);

    const created = await call("destination-create", {
      name: "API error spike → #growth",
      template: "slack",
      inputs: { slack_workspace: { value: slack?.id }, channel: { value: growth?.id } },
      filters: {
        events: [{ id: "$insight_alert_firing", type: "events" }],
        properties: [{ type: "event", key: "alert_id", value: alert?.id }],
      },
    });
    expect(created.url).toBe(link(`/destinations/${created.id}`));

    const after = await call<Page<Item>>("destinations-list", { alert_id: alert?.id });
    expect(after.results.map((destination) => destination.id)).toContain(created.id);
    for (const destination of after.results) {
      expect(Object.keys(destination).sort()).toEqual(
        ["enabled", "filters", "id", "inputs", "name", "template", "url"].sort(),
      );
    }
    const stored = await apiRequest<Item>(
      stack.api.url,
      stack.keys.admin.key,
      "GET",
      `/api/destinations/${created.id}`,
    );
    expect(stored.body.inputs).toEqual({
      slack_workspace: { value: slack?.id },
      channel: { value: "C03GROWTH1" },
    });
  });
});

describe("workflows", () => {
  it("lists, gets, creates a draft, updates it and counts its audience", async () => {
    const listed = await call<Page<Item>>("workflows-list");
    expect(listed.results.map((flow) => flow.name)).toEqual([
      "Enterprise renewal reminder",
      "German product newsletter",
      "Welcome email",
      "Everyone announcement",
    ]);
    for (const flow of listed.results) {
      expect(flow).not.toHaveProperty("description");
      expect(flow.url).toBe(link(`/workflows/${flow.id}`));
    }
    const active = await call<Page<Item>>("workflows-list", { status: "active" });
    expect(active.results.map((flow) => flow.name)).toEqual(["Enterprise renewal reminder", "Welcome email"]);

    const renewal = await call("workflows-get", { id: 1 });
    expect(renewal).toMatchObject({ status: "active", trigger: { type: "batch" } });
    expect(renewal.description).toBe("Reminds enterprise customers about their renewal.");

    const draft = await call("workflows-create", {
      name: "Growth plan tips",
      trigger: { type: "batch" },
      filters: { properties: [{ type: "person", key: "plan", value: "growth" }] },
    });
    expect(draft.status).toBe("draft");
    expect(draft.url).toBe(link(`/workflows/${draft.id}`));

    const updated = await call("workflows-update", {
      id: draft.id,
      name: "Growth plan tips (v2)",
      filters: { properties: [{ type: "cohort", value: 2 }] },
    });
    expect(updated).toMatchObject({ name: "Growth plan tips (v2)", status: "draft" });

    const radius = await call<{ affected: number; total: number }>("workflows-blast-radius", {
      id: draft.id,
    });
    const enterprise = await call<{ affected: number }>("workflows-blast-radius", { id: 1 });
    expect(radius).toEqual({ affected: enterprise.affected, total: 240 });
    expect(radius.affected).toBe(40);

    const jobs = await call<Page<Item>>("workflows-list-batch-jobs", { id: 1 });
    expect(jobs).toMatchObject({ count: 0, results: [] });
  });
});

describe("arguments", () => {
  it("rejects unknown top-level keys, naming the key", async () => {
    const result = await callTool(admin, "persons-list", { limit: 2, colour: "blue" });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain("colour");
  });

  it("rejects unknown nested keys, naming the key", async () => {
    const result = await callTool(admin, "alert-create", {
      insight_id: 1,
      name: "Nested",
      subscribed_users: [1],
      threshold: { type: "absolute", bounds: { lower: 1 }, sensitivity: "high" },
    });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain("sensitivity");
    const alerts = await apiRequest<Page<Item>>(stack.api.url, stack.keys.admin.key, "GET", "/api/alerts");
    expect(alerts.body.results.map((alert) => alert.name)).not.toContain("Nested");
  });

  it("rejects a wrongly typed argument before calling the upstream", async () => {
    const result = await callTool(admin, "persons-list", { limit: "ten" });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain("limit");
  });
});

describe("structured results", () => {
  it("a generated tool with an object response lists its outputSchema and returns structuredContent that the SDK client accepts", async () => {
    const { tools } = await admin.listTools();
    const listed = tools.find((tool) => tool.name === "person-get");
    expect(listed?.outputSchema?.type).toBe("object");
    expect(listed?.outputSchema?.required).toEqual(expect.arrayContaining(["id", "distinct_id"]));
    const [first] = (await call<Page<Item>>("persons-list", { limit: 1 })).results;
    // Listed first, so the SDK client validates structuredContent against the outputSchema (and would throw).
    const result = await admin.callTool({ name: "person-get", arguments: { id: first?.id } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(JSON.parse(resultText(result)));
    expect((result.structuredContent as Item).url).toBe(link(`/persons/${first?.id}`));
  });
});
