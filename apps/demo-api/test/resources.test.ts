import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES, startDemoApi } from "../src/index.js";
import { idByName } from "./support/lookup.js";
import { startTestApi, type TestApi } from "./support/test-api.js";

describe("resources", () => {
  let testApi: TestApi;
  beforeAll(async () => {
    testApi = await startTestApi();
  });
  afterAll(() => testApi.dispose());

  it("paginates with limit, offset, count and a next link until the last page", async () => {
    const first = await testApi.request("GET", "/api/persons?limit=100");
    expect(first.body.count).toBe(240);
    expect(first.body.results).toHaveLength(100);
    const next = new URL(first.body.next);
    expect(next.searchParams.get("offset")).toBe("100");
    const last = await testApi.request("GET", "/api/persons?limit=100&offset=200");
    expect(last.body.results).toHaveLength(40);
    expect(last.body.next).toBeUndefined();
  });

  it("searches persons by email or name", async () => {
    const answer = await testApi.request("GET", "/api/persons?search=ADA");
    expect(answer.body.count).toBeGreaterThan(0);
    for (const person of answer.body.results)
      expect(`${person.properties.email}`.toLowerCase()).toContain("ada");
  });

  it("hides behavioral cohorts on request and reports counts", async () => {
    const all = await testApi.request("GET", "/api/cohorts");
    const hidden = await testApi.request("GET", "/api/cohorts?hide_behavioral_cohorts=true");
    expect(all.body.results.some((cohort: { is_behavioral: boolean }) => cohort.is_behavioral)).toBe(true);
    expect(hidden.body.results.length).toBeGreaterThan(0);
    expect(hidden.body.results.every((cohort: { is_behavioral: boolean }) => !cohort.is_behavioral)).toBe(
      true,
    );
    const enterprise = all.body.results.find(
      (cohort: { name: string }) => cohort.name === "Enterprise customers",
    );
    const workflow = await idByName(testApi, "/api/workflows", "Enterprise renewal reminder");
    const radius = await testApi.request("POST", `/api/workflows/${workflow}/blast_radius`);
    expect(enterprise.count).toBe(radius.body.affected);
  });

  it("rejects a query flag that is not true or false", async () => {
    const answer = await testApi.request("GET", "/api/cohorts?hide_behavioral_cohorts=yes");
    expect(answer.status).toBe(400);
    expect(answer.body.details.issues[0]).toMatchObject({ in: "query", path: "hide_behavioral_cohorts" });
  });

  it("lists team members for alert subscriptions", async () => {
    const answer = await testApi.request("GET", "/api/users");
    expect(answer.body.count).toBe(3);
    expect(answer.body.results[0]).toEqual({ id: 1, email: "ada@hedgebox.example", name: "ada" });
  });

  it("creates static cohorts from person ids", async () => {
    const answer = await testApi.request("POST", "/api/cohorts", {
      body: { name: "Three", is_static: true, person_ids: [1, 2, 3] },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ is_static: true, is_behavioral: false, count: 3 });
    const unknown = await testApi.request("POST", "/api/cohorts", {
      body: { name: "Bad", is_static: true, person_ids: [999999] },
    });
    expect(unknown.status).toBe(400);
  });

  it("runs the alert lifecycle: create, update, state, delete", async () => {
    const insight = (await testApi.request("GET", "/api/insights")).body.results[0].id;
    const created = await testApi.request("POST", "/api/alerts", {
      body: {
        name: "Too quiet",
        insight_id: insight,
        threshold: { type: "absolute", bounds: { lower: 5 } },
        subscribed_users: [1],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "NotFiring", calculation_interval: "daily", enabled: true });
    const updated = await testApi.request("PATCH", `/api/alerts/${created.body.id}`, {
      body: { calculation_interval: "hourly", enabled: false },
    });
    expect(updated.body).toMatchObject({ calculation_interval: "hourly", enabled: false, name: "Too quiet" });
    const states = (await testApi.request("GET", "/api/alerts")).body.results.map(
      (alert: { state: string }) => alert.state,
    );
    expect(states).toEqual(expect.arrayContaining(["Firing", "NotFiring"]));
    const deleted = await testApi.request("DELETE", `/api/alerts/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await testApi.request("GET", `/api/alerts/${created.body.id}`)).status).toBe(404);
    const badUser = await testApi.request("POST", "/api/alerts", {
      body: {
        name: "x",
        insight_id: insight,
        threshold: { type: "absolute", bounds: { upper: 1 } },
        subscribed_users: [424242],
      },
    });
    expect(badUser.status).toBe(400);
  });

  it("routes an alert to Slack: channel ids are checked and the alert_id filter finds existing destinations", async () => {
    const alert = await idByName(testApi, "/api/alerts", "API error spike");
    const slack = await idByName(testApi, "/api/integrations", "Hedgebox Slack");
    const body = (channel: string) => ({
      name: "API errors → #ops-oncall",
      template: "slack",
      inputs: { slack_workspace: { value: slack }, channel: { value: channel } },
      filters: {
        events: [{ id: "$insight_alert_firing", type: "events" }],
        properties: [{ type: "event", key: "alert_id", value: alert }],
      },
    });
    const byName = await testApi.request("POST", "/api/destinations", { body: body("ops-oncall") });
    expect(byName.status).toBe(400);
    expect(byName.body.details.issues[0].path).toBe("inputs.channel.value");
    const github = await idByName(testApi, "/api/integrations", "Hedgebox GitHub");
    const wrongKind = await testApi.request("POST", "/api/destinations", {
      body: {
        ...body("C05ONCALL1"),
        inputs: { slack_workspace: { value: github }, channel: { value: "C05ONCALL1" } },
      },
    });
    expect(wrongKind.status).toBe(400);
    const created = await testApi.request("POST", "/api/destinations", { body: body("C05ONCALL1") });
    expect(created.status).toBe(201);
    const forAlert = await testApi.request("GET", `/api/destinations?alert_id=${alert}`);
    expect(forAlert.body.results.map((row: { id: number }) => row.id)).toContain(created.body.id);
    expect(
      forAlert.body.results.every(
        (row: { filters: { properties: unknown[] } }) => row.filters.properties.length > 0,
      ),
    ).toBe(true);
    const renamed = await testApi.request("PATCH", `/api/destinations/${created.body.id}`, {
      body: { enabled: false },
    });
    expect(renamed.body.enabled).toBe(false);
    expect((await testApi.request("DELETE", `/api/destinations/${created.body.id}`)).status).toBe(204);
  });

  it("never returns integration secrets or hidden kinds in any GET response", async () => {
    const texts: string[] = [];
    for (const route of ROUTES.filter((candidate) => candidate.method === "GET")) {
      const answer = await testApi.request("GET", route.path.replace("{id}", "1"));
      texts.push(JSON.stringify(answer.body));
    }
    const all = texts.join("\n");
    expect(all).not.toContain("sensitive_config");
    expect(all).not.toContain("secret");
    expect(all).not.toContain("twilio");
  });

  it("fails to start on a port that is taken, and says so", async () => {
    await expect(
      startDemoApi({ port: testApi.api.port, dbPath: `${testApi.dbPath}-second` }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
