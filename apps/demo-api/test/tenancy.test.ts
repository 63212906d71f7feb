import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/test-api.js";

const OTHER = "tw_demo_other";

describe("tenancy: every resource is project-scoped", () => {
  let testApi: TestApi;
  let mainIds: Record<string, number>;
  beforeAll(async () => {
    testApi = await startTestApi();
    const first = async (path: string) => (await testApi.request("GET", path)).body.results[0].id as number;
    mainIds = {
      persons: await first("/api/persons"),
      cohorts: await first("/api/cohorts"),
      insights: await first("/api/insights"),
      alerts: await first("/api/alerts"),
      integrations: await first("/api/integrations"),
      destinations: await first("/api/destinations"),
      workflows: await first("/api/workflows"),
    };
  });
  afterAll(() => testApi.dispose());

  it("lists only the caller's project", async () => {
    const main = await testApi.request("GET", "/api/persons?limit=500");
    const other = await testApi.request("GET", "/api/persons?limit=500", { key: OTHER });
    expect(main.body.count).toBe(240);
    expect(other.body.count).toBe(12);
    const mainIdsSet = new Set(main.body.results.map((person: { id: number }) => person.id));
    for (const person of other.body.results) expect(mainIdsSet.has(person.id)).toBe(false);
    const users = await testApi.request("GET", "/api/users", { key: OTHER });
    expect(users.body.results.map((user: { email: string }) => user.email)).toEqual(["owner@other.example"]);
    const current = await testApi.request("GET", "/api/keys/@current", { key: OTHER });
    expect(current.body.project.name).toBe("Other Co");
  });

  it("answers 404 for another project's ids on every read", async () => {
    for (const [resource, id] of Object.entries(mainIds)) {
      const answer = await testApi.request("GET", `/api/${resource}/${id}`, { key: OTHER });
      expect(answer.status, resource).toBe(404);
      expect(answer.body.error).toBe("not_found");
    }
    const channels = await testApi.request("GET", `/api/integrations/${mainIds.integrations}/channels`, {
      key: OTHER,
    });
    expect(channels.status).toBe(404);
    const jobs = await testApi.request("GET", `/api/workflows/${mainIds.workflows}/batch_jobs`, {
      key: OTHER,
    });
    expect(jobs.status).toBe(404);
    const schedules = await testApi.request("GET", `/api/workflows/${mainIds.workflows}/schedules`, {
      key: OTHER,
    });
    expect(schedules.status).toBe(404);
  });

  it("answers 404 (not a guard rejection) for another project's ids on writes, and changes nothing", async () => {
    const workflow = mainIds.workflows;
    const writes: Array<[string, string, unknown]> = [
      ["PATCH", `/api/alerts/${mainIds.alerts}`, { name: "hijacked" }],
      ["DELETE", `/api/alerts/${mainIds.alerts}`, undefined],
      ["PATCH", `/api/destinations/${mainIds.destinations}`, { name: "hijacked" }],
      ["DELETE", `/api/destinations/${mainIds.destinations}`, undefined],
      ["PATCH", `/api/workflows/${workflow}`, { name: "hijacked" }],
      ["DELETE", `/api/workflows/${workflow}`, undefined],
      ["POST", `/api/workflows/${workflow}/blast_radius`, {}],
      ["POST", `/api/workflows/${workflow}/batch_jobs`, { acknowledged_affected_count: 40 }],
      [
        "POST",
        `/api/workflows/${workflow}/schedules`,
        { rrule: "FREQ=DAILY", starts_at: "2026-02-01T09:00:00Z", acknowledged_affected_count: 40 },
      ],
      ["PATCH", `/api/workflows/${workflow}/schedules/1`, { acknowledged_affected_count: 40 }],
    ];
    for (const [method, path, body] of writes) {
      const answer = await testApi.request(method, path, { key: OTHER, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    const alert = await testApi.request("GET", `/api/alerts/${mainIds.alerts}`);
    expect(alert.body.name).toBe("Signups dropped");
    expect((await testApi.request("GET", `/api/workflows/${workflow}/batch_jobs`)).body.count).toBe(0);
  });

  it("refuses references to another project's rows inside bodies", async () => {
    const otherCohort = (await testApi.request("GET", "/api/cohorts", { key: OTHER })).body.results[0].id;
    const workflow = await testApi.request("POST", "/api/workflows", {
      body: {
        name: "x",
        trigger: { type: "batch" },
        filters: { properties: [{ type: "cohort", value: otherCohort }] },
      },
    });
    expect(workflow.status).toBe(400);
    const otherSlack = (await testApi.request("GET", "/api/integrations", { key: OTHER })).body.results[0].id;
    const destination = await testApi.request("POST", "/api/destinations", {
      body: {
        name: "x",
        template: "slack",
        inputs: { slack_workspace: { value: otherSlack }, channel: { value: "C01ALERTS2" } },
        filters: { events: [{ id: "$insight_alert_firing", type: "events" }] },
      },
    });
    expect(destination.status).toBe(400);
    expect(destination.body.details.issues[0].path).toBe("inputs.slack_workspace.value");
  });
});
