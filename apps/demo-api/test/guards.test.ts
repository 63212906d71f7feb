import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idByName } from "./support/lookup.js";
import { startTestApi, type TestApi } from "./support/test-api.js";

const SCHEDULE = { rrule: "FREQ=WEEKLY;BYDAY=MO", starts_at: "2026-02-02T09:00:00Z" };

describe("guards enforced by the API", () => {
  let testApi: TestApi;
  let ids: Record<string, number>;
  beforeAll(async () => {
    testApi = await startTestApi();
    ids = {
      activeBatch: await idByName(testApi, "/api/workflows", "Enterprise renewal reminder"),
      draftBatch: await idByName(testApi, "/api/workflows", "German product newsletter"),
      activeEvent: await idByName(testApi, "/api/workflows", "Welcome email"),
      archived: await idByName(testApi, "/api/workflows", "Everyone announcement"),
      enterpriseCohort: await idByName(testApi, "/api/cohorts", "Enterprise customers"),
      behavioralCohort: await idByName(testApi, "/api/cohorts", "Power users (30 days)"),
      nestedBehavioralCohort: await idByName(testApi, "/api/cohorts", "Enterprise power users"),
      slack: await idByName(testApi, "/api/integrations", "Hedgebox Slack"),
      github: await idByName(testApi, "/api/integrations", "Hedgebox GitHub"),
    };
  });
  afterAll(() => testApi.dispose());

  const blastRadius = async (id: number, key?: string) =>
    (await testApi.request("POST", `/api/workflows/${id}/blast_radius`, key === undefined ? {} : { key }))
      .body;

  describe("batch runs: require_state + acknowledged_count", () => {
    it("counts the active batch workflow's audience below 5000", async () => {
      const radius = await blastRadius(ids.activeBatch as number);
      expect(radius.total).toBe(240);
      expect(radius.affected).toBeGreaterThan(0);
      expect(radius.affected).toBeLessThan(5000);
    });

    it("accepts the acknowledged count and records the run", async () => {
      const { affected } = await blastRadius(ids.activeBatch as number);
      const run = await testApi.request("POST", `/api/workflows/${ids.activeBatch}/batch_jobs`, {
        body: { acknowledged_affected_count: affected },
      });
      expect(run.status).toBe(201);
      expect(run.body).toMatchObject({
        workflow_id: ids.activeBatch,
        status: "queued",
        affected_count: affected,
      });
      const jobs = await testApi.request("GET", `/api/workflows/${ids.activeBatch}/batch_jobs`);
      expect(jobs.body.results.map((job: { id: number }) => job.id)).toContain(run.body.id);
    });

    it("rejects a drifted count with 409 and the current number", async () => {
      const { affected } = await blastRadius(ids.activeBatch as number);
      const run = await testApi.request("POST", `/api/workflows/${ids.activeBatch}/batch_jobs`, {
        body: { acknowledged_affected_count: affected + 1 },
      });
      expect(run.status).toBe(409);
      expect(run.body).toMatchObject({ error: "guard_rejected", reason: "count_drift" });
      expect(run.body.message).toContain(`acknowledged_affected_count=${affected}`);
    });

    it("rejects a draft workflow (409) before looking at the count", async () => {
      const { affected } = await blastRadius(ids.draftBatch as number);
      const run = await testApi.request("POST", `/api/workflows/${ids.draftBatch}/batch_jobs`, {
        body: { acknowledged_affected_count: affected },
      });
      expect(run.status).toBe(409);
      expect(run.body).toMatchObject({ error: "guard_rejected", reason: "state_not_allowed" });
      expect(run.body.details).toMatchObject({ field: "status", value: "draft" });
    });

    it("rejects an active event workflow (409 on trigger.type)", async () => {
      const { affected } = await blastRadius(ids.activeEvent as number);
      const run = await testApi.request("POST", `/api/workflows/${ids.activeEvent}/batch_jobs`, {
        body: { acknowledged_affected_count: affected },
      });
      expect(run.status).toBe(409);
      expect(run.body.details).toMatchObject({ field: "trigger.type", value: "event" });
    });

    it("rejects an audience above 5000 (422), even when acknowledged", async () => {
      // Project 2's active batch workflow targets everyone; grow it past the limit behind the API's back.
      const db = new BetterSqlite3(testApi.dbPath);
      const insert = db.prepare(
        "INSERT INTO persons (project_id, distinct_id, properties, created_at) VALUES (2, ?, '{}', '2026-01-05T09:00:00.000Z')",
      );
      db.transaction(() => {
        for (let index = 0; index < 5000; index++) insert.run(`bulk-${index}`);
      })();
      db.close();
      const workflow = await idByName(testApi, "/api/workflows", "Other batch", "tw_demo_other");
      const { affected } = await blastRadius(workflow, "tw_demo_other");
      expect(affected).toBe(5012);
      const run = await testApi.request("POST", `/api/workflows/${workflow}/batch_jobs`, {
        key: "tw_demo_other",
        body: { acknowledged_affected_count: affected },
      });
      expect(run.status).toBe(422);
      expect(run.body).toMatchObject({ error: "guard_rejected", reason: "count_over_max" });
      expect(run.body.details).toMatchObject({ current: 5012, max: 5000 });
    });
  });

  describe("activation: acknowledged_count of the audience the workflow will reach", () => {
    const audienceSize = async (body: Record<string, unknown>) =>
      (await testApi.request("POST", "/api/workflows/audience_size", { body })).body;
    const everyoneEvent = {
      name: "Pageview blast",
      status: "active",
      trigger: { type: "event", event: "$pageview" },
      filters: { properties: [] },
    };
    const workflowCount = async () => (await testApi.request("GET", "/api/workflows?limit=1000")).body.count;

    it("counts filters, a stored audience, or everyone", async () => {
      expect(await audienceSize({})).toEqual({ affected: 240, total: 240 });
      expect((await audienceSize({ id: ids.draftBatch })).affected).toBe(
        (await blastRadius(ids.draftBatch as number)).affected,
      );
      const enterprise = await audienceSize({
        filters: { properties: [{ type: "person", key: "plan", value: "enterprise" }] },
      });
      expect(enterprise.affected).toBeGreaterThan(0);
      expect(enterprise.affected).toBeLessThan(240);
    });

    it("refuses to create an active workflow without the count, or with a stale one, and creates nothing", async () => {
      const before = await workflowCount();
      const missing = await testApi.request("POST", "/api/workflows", { body: everyoneEvent });
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ error: "guard_rejected", reason: "count_missing" });
      expect(missing.body.message).toContain("audience_size");
      const stale = await testApi.request("POST", "/api/workflows", {
        body: { ...everyoneEvent, acknowledged_affected_count: 12 },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.details).toMatchObject({ acknowledged: 12, current: 240 });
      expect(await workflowCount()).toBe(before);
      const created = await testApi.request("POST", "/api/workflows", {
        body: { ...everyoneEvent, acknowledged_affected_count: 240 },
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe("active");
    });

    it("drafts need no count", async () => {
      const draft = await testApi.request("POST", "/api/workflows", {
        body: { ...everyoneEvent, status: "draft" },
      });
      expect(draft.status).toBe(201);
    });

    it("counts the widened audience when a draft is activated in the same call", async () => {
      const narrow = (await blastRadius(ids.draftBatch as number)).affected;
      const widened = await testApi.request("PATCH", `/api/workflows/${ids.draftBatch}`, {
        body: { status: "active", filters: { properties: [] }, acknowledged_affected_count: narrow },
      });
      expect(widened.status).toBe(409);
      expect(widened.body.details).toMatchObject({ acknowledged: narrow, current: 240 });
      const unchanged = await testApi.request("GET", `/api/workflows/${ids.draftBatch}`);
      expect(unchanged.body.status).toBe("draft");
      expect(unchanged.body.filters.properties).toHaveLength(1);
    });

    it("needs the count to reactivate an archived workflow", async () => {
      const missing = await testApi.request("PATCH", `/api/workflows/${ids.archived}`, {
        body: { status: "active" },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.reason).toBe("count_missing");
      expect((await testApi.request("GET", `/api/workflows/${ids.archived}`)).body.status).toBe("archived");
    });

    it("refuses activation above 5000 persons even when acknowledged", async () => {
      // Project 2 has 5012 persons after the batch test above grew it.
      const workflow = await idByName(testApi, "/api/workflows", "Other batch", "tw_demo_other");
      const { affected } = await blastRadius(workflow, "tw_demo_other");
      expect(affected).toBeGreaterThan(5000);
      const answer = await testApi.request("POST", "/api/workflows", {
        key: "tw_demo_other",
        body: { ...everyoneEvent, acknowledged_affected_count: affected },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.reason).toBe("count_over_max");
    });
  });

  describe("schedules: the same guards on create and update", () => {
    it("creates a schedule with the acknowledged count and rejects a stale one", async () => {
      const { affected } = await blastRadius(ids.activeBatch as number);
      const stale = await testApi.request("POST", `/api/workflows/${ids.activeBatch}/schedules`, {
        body: { ...SCHEDULE, acknowledged_affected_count: affected - 1 },
      });
      expect(stale.status).toBe(409);
      const created = await testApi.request("POST", `/api/workflows/${ids.activeBatch}/schedules`, {
        body: { ...SCHEDULE, acknowledged_affected_count: affected },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        rrule: SCHEDULE.rrule,
        status: "active",
        affected_count: affected,
      });
    });

    it("rejects scheduling a draft workflow", async () => {
      const { affected } = await blastRadius(ids.draftBatch as number);
      const answer = await testApi.request("POST", `/api/workflows/${ids.draftBatch}/schedules`, {
        body: { ...SCHEDULE, acknowledged_affected_count: affected },
      });
      expect(answer.status).toBe(409);
      expect(answer.body.reason).toBe("state_not_allowed");
    });

    it("updates a schedule only with a fresh acknowledged count", async () => {
      const { affected } = await blastRadius(ids.activeBatch as number);
      const created = await testApi.request("POST", `/api/workflows/${ids.activeBatch}/schedules`, {
        body: { ...SCHEDULE, acknowledged_affected_count: affected },
      });
      const path = `/api/workflows/${ids.activeBatch}/schedules/${created.body.id}`;
      const missing = await testApi.request("PATCH", path, { body: { status: "paused" } });
      expect(missing.status).toBe(400);
      expect(missing.body.details.issues[0]).toMatchObject({
        path: "acknowledged_affected_count",
        message: "required",
      });
      const drifted = await testApi.request("PATCH", path, {
        body: { status: "paused", acknowledged_affected_count: affected + 10 },
      });
      expect(drifted.status).toBe(409);
      const updated = await testApi.request("PATCH", path, {
        body: { status: "paused", rrule: "FREQ=DAILY", acknowledged_affected_count: affected },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ status: "paused", rrule: "FREQ=DAILY" });
      const listed = await testApi.request("GET", `/api/workflows/${ids.activeBatch}/schedules`);
      expect(listed.body.results.find((row: { id: number }) => row.id === created.body.id).status).toBe(
        "paused",
      );
    });
  });

  describe("workflow audiences: reject_fields + allow_values on behavioral cohorts", () => {
    const create = (filters: unknown) =>
      testApi.request("POST", "/api/workflows", {
        body: { name: "Audience test", trigger: { type: "batch" }, filters },
      });

    it("accepts person properties and a non-behavioral cohort", async () => {
      const answer = await create({
        properties: [
          { type: "person", key: "country", value: "DE" },
          { type: "cohort", value: ids.enterpriseCohort },
        ],
      });
      expect(answer.status).toBe(201);
      expect(answer.body.status).toBe("draft");
    });

    it.each([
      ["events", { events: [{ id: "$pageview", type: "events" }] }, "filters.events"],
      ["actions", { actions: [{ id: 7, type: "actions" }] }, "filters.actions"],
    ])("rejects filters.%s", async (_name, filters, field) => {
      const answer = await create({ properties: [], ...filters });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: "guard_rejected", reason: "field_forbidden" });
      expect(answer.body.details.field).toBe(field);
    });

    it("rejects a behavioral cohort, directly and nested", async () => {
      for (const cohort of [ids.behavioralCohort, ids.nestedBehavioralCohort]) {
        const answer = await create({ properties: [{ type: "cohort", value: cohort }] });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ error: "guard_rejected", reason: "value_not_allowed" });
        expect(answer.body.message).toContain("Behavioral cohorts");
      }
    });

    it("computes is_behavioral transitively when a cohort is created, and the guard uses it", async () => {
      const cohort = await testApi.request("POST", "/api/cohorts", {
        body: {
          name: "Wraps nested behavioral",
          filters: { properties: [{ type: "cohort", value: ids.nestedBehavioralCohort }] },
        },
      });
      expect(cohort.status).toBe(201);
      expect(cohort.body.is_behavioral).toBe(true);
      const answer = await create({ properties: [{ type: "cohort", value: cohort.body.id }] });
      expect(answer.status).toBe(400);
      expect(answer.body.reason).toBe("value_not_allowed");
    });

    it("rejects an unknown cohort (the lookup fails closed)", async () => {
      const answer = await create({ properties: [{ type: "cohort", value: 999_999 }] });
      expect(answer.status).toBe(400);
      expect(answer.body.reason).toBe("lookup_failed");
      expect(answer.body.message).toContain("999999");
    });
  });

  describe("workflow edits: require_state draft/archived", () => {
    it("refuses to edit an active workflow with 409", async () => {
      const answer = await testApi.request("PATCH", `/api/workflows/${ids.activeBatch}`, {
        body: { name: "Renamed" },
      });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ error: "guard_rejected", reason: "state_not_allowed" });
      expect(answer.body.message).toContain("cannot be edited");
      const unchanged = await testApi.request("GET", `/api/workflows/${ids.activeBatch}`);
      expect(unchanged.body.name).toBe("Enterprise renewal reminder");
    });

    it("edits draft and archived workflows", async () => {
      for (const id of [ids.draftBatch, ids.archived]) {
        const answer = await testApi.request("PATCH", `/api/workflows/${id}`, {
          body: { description: "Edited" },
        });
        expect(answer.status).toBe(200);
        expect(answer.body.description).toBe("Edited");
      }
    });

    it("refuses to delete an active workflow and deletes a draft with its runs", async () => {
      const active = await testApi.request("DELETE", `/api/workflows/${ids.activeBatch}`);
      expect(active.status).toBe(409);
      expect(active.body.reason).toBe("state_not_allowed");
      const draft = await testApi.request("POST", "/api/workflows", {
        body: { name: "Short-lived", trigger: { type: "batch" } },
      });
      const deleted = await testApi.request("DELETE", `/api/workflows/${draft.body.id}`);
      expect(deleted.status).toBe(204);
      expect((await testApi.request("GET", `/api/workflows/${draft.body.id}`)).status).toBe(404);
      expect((await testApi.request("GET", `/api/workflows/${ids.activeBatch}`)).status).toBe(200);
    });

    it("applies the audience rules to drafts too", async () => {
      const answer = await testApi.request("PATCH", `/api/workflows/${ids.draftBatch}`, {
        body: { filters: { properties: [{ type: "cohort", value: ids.behavioralCohort }] } },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.reason).toBe("value_not_allowed");
    });
  });

  describe("Slack channels: allow_values on the integration kind", () => {
    it("lists a Slack integration's channels and caches them on that integration row", async () => {
      const answer = await testApi.request("GET", `/api/integrations/${ids.slack}/channels`);
      expect(answer.status).toBe(200);
      expect(answer.body.results).toContainEqual({
        id: "C01ALERTS1",
        name: "alerts",
        is_private: false,
        is_member: true,
      });
      const db = new BetterSqlite3(testApi.dbPath, { readonly: true });
      const cached = db
        .prepare("SELECT integration_id, project_id FROM integration_channel_cache")
        .all() as Array<{ integration_id: number; project_id: number }>;
      db.close();
      expect(cached).toEqual([{ integration_id: ids.slack, project_id: 1 }]);
    });

    it("keeps each project's channels apart", async () => {
      const otherSlack = await idByName(testApi, "/api/integrations", "Other Slack", "tw_demo_other");
      const answer = await testApi.request("GET", `/api/integrations/${otherSlack}/channels`, {
        key: "tw_demo_other",
      });
      const channelIds = answer.body.results.map((channel: { id: string }) => channel.id);
      expect(channelIds).toContain("C01ALERTS2");
      expect(channelIds).not.toContain("C01ALERTS1");
    });

    it("answers 400 for a GitHub integration and 404 for a hidden Twilio one", async () => {
      const github = await testApi.request("GET", `/api/integrations/${ids.github}/channels`);
      expect(github.status).toBe(400);
      expect(github.body).toMatchObject({ error: "guard_rejected", reason: "value_not_allowed" });
      expect(github.body.message).toContain("Only Slack integrations");
      const db = new BetterSqlite3(testApi.dbPath, { readonly: true });
      const twilio = (
        db.prepare("SELECT id FROM integrations WHERE kind = 'twilio' AND project_id = 1").get() as {
          id: number;
        }
      ).id;
      db.close();
      const hidden = await testApi.request("GET", `/api/integrations/${twilio}/channels`);
      expect(hidden.status).toBe(404);
      expect((await testApi.request("GET", `/api/integrations/${twilio}`)).status).toBe(404);
    });
  });
});
