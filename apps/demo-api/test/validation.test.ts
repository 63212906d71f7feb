import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idByName } from "./support/lookup.js";
import { startTestApi, type TestApi } from "./support/test-api.js";

const ALERT_FIRING = { events: [{ id: "$insight_alert_firing", type: "events" }] };

describe("request validation", () => {
  let testApi: TestApi;
  beforeAll(async () => {
    testApi = await startTestApi();
  });
  afterAll(() => testApi.dispose());

  it("answers 400 invalid_json for a body that is not JSON", async () => {
    const answer = await testApi.request("POST", "/api/cohorts", { rawBody: '{"name": ' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_json");
  });

  it("names every wrong field with its path and a message", async () => {
    const answer = await testApi.request("POST", "/api/alerts", {
      body: {
        name: 42,
        insight_id: "one",
        threshold: { type: "absolute", bounds: {} },
        subscribed_users: [],
        colour: "red",
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_request");
    const issues = answer.body.details.issues as Array<{ in: string; path: string; message: string }>;
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    expect(byPath.name).toContain("expected string");
    expect(byPath.insight_id).toContain("expected number");
    expect(byPath["threshold.bounds"]).toContain("at least one of 'lower' or 'upper'");
    expect(byPath.subscribed_users).toBeDefined();
    expect(byPath.colour).toBe("unknown field 'colour'");
    expect(issues.every((issue) => issue.in === "body")).toBe(true);
    expect(answer.body.message).toContain("body.name");
  });

  it("reports missing required fields as required", async () => {
    const answer = await testApi.request("POST", "/api/workflows", { body: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.details.issues).toEqual(
      expect.arrayContaining([
        { in: "body", path: "name", message: "required" },
        { in: "body", path: "trigger", message: expect.any(String) },
      ]),
    );
  });

  it("validates path and query parameters", async () => {
    const path = await testApi.request("GET", "/api/workflows/abc");
    expect(path.status).toBe(400);
    expect(path.body.details.issues[0]).toMatchObject({ in: "path", path: "id" });
    const query = await testApi.request("GET", "/api/persons?limit=9999");
    expect(query.status).toBe(400);
    expect(query.body.details.issues[0]).toMatchObject({ in: "query", path: "limit" });
    const status = await testApi.request("GET", "/api/workflows?status=paused");
    expect(status.status).toBe(400);
  });

  it("validates enums, RRULEs and datetimes", async () => {
    const workflow = await idByName(testApi, "/api/workflows", "Enterprise renewal reminder");
    const answer = await testApi.request("POST", `/api/workflows/${workflow}/schedules`, {
      body: { rrule: "every monday", starts_at: "tomorrow", acknowledged_affected_count: 1.5 },
    });
    expect(answer.status).toBe(400);
    const paths = answer.body.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["rrule", "starts_at", "acknowledged_affected_count"]));
  });

  describe("webhook destinations accept https URLs only", () => {
    const webhook = (url: string) => ({
      name: "Hook",
      template: "webhook",
      inputs: { url: { value: url } },
      filters: ALERT_FIRING,
    });

    it("accepts an https URL", async () => {
      const answer = await testApi.request("POST", "/api/destinations", {
        body: webhook("https://hooks.example.com/a"),
      });
      expect(answer.status).toBe(201);
      expect(answer.body.inputs.url.value).toBe("https://hooks.example.com/a");
    });

    it.each(["http://hooks.example.com/a", "ftp://hooks.example.com/a", "javascript:alert(1)", "not a url"])(
      "rejects %s on create",
      async (url) => {
        const answer = await testApi.request("POST", "/api/destinations", { body: webhook(url) });
        expect(answer.status).toBe(400);
        expect(answer.body.details.issues[0].path).toBe("inputs.url.value");
      },
    );

    it("rejects an http URL on update too", async () => {
      const created = await testApi.request("POST", "/api/destinations", {
        body: webhook("https://hooks.example.com/b"),
      });
      const answer = await testApi.request("PATCH", `/api/destinations/${created.body.id}`, {
        body: { inputs: { url: { value: "http://hooks.example.com/b" } } },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.details.issues[0].path).toBe("inputs.url.value");
      const unchanged = await testApi.request("GET", `/api/destinations/${created.body.id}`);
      expect(unchanged.body.inputs.url.value).toBe("https://hooks.example.com/b");
    });
  });

  it("checks inputs against the destination's template", async () => {
    const mixed = await testApi.request("POST", "/api/destinations", {
      body: {
        name: "Mixed",
        template: "webhook",
        inputs: { channel: { value: "C01ALERTS1" } },
        filters: ALERT_FIRING,
      },
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.details.issues).toEqual(
      expect.arrayContaining([
        { in: "body", path: "inputs.url", message: "required for a webhook destination" },
        { in: "body", path: "inputs.channel", message: "not an input of a webhook destination" },
      ]),
    );
  });

  it("answers unknown routes with a JSON 404", async () => {
    const answer = await testApi.request("GET", "/api/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe("not_found");
  });
});
