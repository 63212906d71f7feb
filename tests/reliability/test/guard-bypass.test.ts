// Suite 4: every known way around the product's guards, tried through MCP and straight at the API.
// Each attempt must be rejected and leave the database exactly as it was. The whole corpus runs once
// with API-key callers and once with OAuth callers (access tokens from the demo authorization server).
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { createConfirmationToken } from "@toolwright/core";
import { callTool, resultText } from "@toolwright/testkit";
import { type ApiAnswer, apiRequest, createApiKey } from "@toolwright/testkit/demo-api-client.ts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CALLER_KINDS, type CallerKind, type CorpusStack, startCorpusStack } from "./support/corpus-stack.js";
import { databaseFingerprint } from "./support/database-fingerprint.js";
import { recordFigures } from "./support/figures.js";
import { addPersons } from "./support/outside-change.js";

// The secret testkit's demo stack signs confirmation tokens with.
const CONFIRM_SECRET = "test-confirmation-secret-of-at-least-32-bytes";
const ENTERPRISE_RENEWAL = 1;
const GERMAN_NEWSLETTER = 2;
const WELCOME_EMAIL = 3;
const EVERYONE_ARCHIVED = 4;
const OTHER_PROJECT_WORKFLOW = 5;

describe.each(CALLER_KINDS)("guard bypass corpus (%s callers)", (kind) => {
  let stack: CorpusStack;
  let admin: Client;
  let other: Client;
  let api: (
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ) => Promise<ApiAnswer<Record<string, unknown>>>;
  let before: string;
  const attempts = { mcp: 0, api: 0, fingerprintChecks: 0 };

  beforeAll(async () => {
    stack = await startCorpusStack(kind);
    admin = await stack.connect("admin");
    other = await stack.connect("other");
    api = (method, path, body, key = stack.keys.admin.key) =>
      apiRequest<Record<string, unknown>>(stack.api.url, key, method, path, body);
  });
  afterAll(async () => {
    await admin?.close();
    await other?.close();
    await stack?.close();
    recordFigures(kind === "api_key" ? "guard-bypass" : "guard-bypass-oauth", attempts);
  });
  beforeEach(() => {
    before = databaseFingerprint(stack.api.dbPath);
  });

  /** The attempt through MCP is an isError result whose text matches `pattern`. */
  async function rejectedByMcp(
    client: Client,
    tool: string,
    args: Record<string, unknown>,
    pattern: RegExp,
  ): Promise<string> {
    attempts.mcp += 1;
    const result = await callTool(client, tool, args);
    expect(result.isError, `${tool} ${JSON.stringify(args)}: ${resultText(result)}`).toBe(true);
    expect(resultText(result)).toMatch(pattern);
    return resultText(result);
  }

  /** The same attempt straight at the API is refused with this status (and guard reason, when given). */
  async function rejectedByApi(
    method: string,
    path: string,
    body: unknown,
    status: number,
    reason?: string,
    key?: string,
  ) {
    attempts.api += 1;
    const response = await api(method, path, body, key);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(status);
    if (reason) expect(response.body.reason).toBe(reason);
  }

  function expectNothingWritten(): void {
    attempts.fingerprintChecks += 1;
    expect(databaseFingerprint(stack.api.dbPath)).toBe(before);
  }

  async function blastRadius(id: number): Promise<number> {
    const response = await api("POST", `/api/workflows/${id}/blast_radius`, {});
    expect(response.status).toBe(200);
    return response.body.affected as number;
  }

  it("audience drift after acknowledgement: the acknowledged count no longer matches", async () => {
    const acknowledged = await blastRadius(ENTERPRISE_RENEWAL);
    addPersons(stack.api.dbPath, 3, { plan: "enterprise", email: "late@example.com" });
    expect(await blastRadius(ENTERPRISE_RENEWAL)).toBe(acknowledged + 3);
    before = databaseFingerprint(stack.api.dbPath);
    const run = { id: ENTERPRISE_RENEWAL, acknowledged_affected_count: acknowledged };
    await rejectedByMcp(admin, "workflows-run-batch", run, /acknowledged_count guard/);
    await rejectedByApi(
      "POST",
      `/api/workflows/${ENTERPRISE_RENEWAL}/batch_jobs`,
      { acknowledged_affected_count: acknowledged },
      409,
      "count_drift",
    );
    const schedule = { ...run, rrule: "FREQ=WEEKLY;BYDAY=MO", starts_at: "2027-01-04T09:00:00Z" };
    await rejectedByMcp(admin, "workflows-schedule-create", schedule, /acknowledged_count guard/);
    const { id: _id, ...scheduleBody } = schedule;
    await rejectedByApi(
      "POST",
      `/api/workflows/${ENTERPRISE_RENEWAL}/schedules`,
      scheduleBody,
      409,
      "count_drift",
    );
    expectNothingWritten();
  });

  it("over the cap: an acknowledged audience above 5000 persons is refused", async () => {
    const { stack: big, close } = await separateStack(kind);
    try {
      addPersons(big.api.dbPath, 5000, { plan: "enterprise" });
      const affected = (
        await apiRequest<Record<string, unknown>>(
          big.api.url,
          big.keys.admin.key,
          "POST",
          `/api/workflows/${ENTERPRISE_RENEWAL}/blast_radius`,
          {},
        )
      ).body.affected as number;
      expect(affected).toBeGreaterThan(5000);
      const start = databaseFingerprint(big.api.dbPath);
      const client = await big.connect("admin");
      try {
        const args = { id: ENTERPRISE_RENEWAL, acknowledged_affected_count: affected };
        const text = await rejectedByMcp(client, "workflows-run-batch", args, /acknowledged_count guard/);
        expect(text).toMatch(/5000/);
      } finally {
        await client.close();
      }
      const direct = await apiRequest<Record<string, unknown>>(
        big.api.url,
        big.keys.admin.key,
        "POST",
        `/api/workflows/${ENTERPRISE_RENEWAL}/batch_jobs`,
        {
          acknowledged_affected_count: affected,
        },
      );
      expect(direct.status).toBe(422);
      expect(direct.body.reason).toBe("count_over_max");
      // Activating a workflow for that audience is held to the same cap.
      const enterprise = { properties: [{ type: "person", key: "plan", value: "enterprise" }] };
      const activation = {
        name: "Enterprise blast",
        status: "active",
        trigger: { type: "event", event: "$pageview" },
        filters: enterprise,
        acknowledged_affected_count: affected,
      };
      const bigClient = await big.connect("admin");
      try {
        const text = await rejectedByMcp(
          bigClient,
          "workflows-create",
          activation,
          /acknowledged_count guard/,
        );
        expect(text).toMatch(/above the limit of 5000/);
      } finally {
        await bigClient.close();
      }
      const directActivation = await apiRequest<Record<string, unknown>>(
        big.api.url,
        big.keys.admin.key,
        "POST",
        "/api/workflows",
        activation,
      );
      expect(directActivation.status).toBe(422);
      expect(directActivation.body.reason).toBe("count_over_max");
      expect(databaseFingerprint(big.api.dbPath)).toBe(start);
    } finally {
      await close();
    }
  });

  it("draft → broaden → activate: a count acknowledged on the narrow draft does not run the broad audience", async () => {
    const created = await api("POST", "/api/workflows", {
      name: "Narrow then broad",
      trigger: { type: "batch" },
      filters: { properties: [{ type: "person", key: "plan", value: "enterprise" }] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const narrow = await blastRadius(id);
    expect((await api("PATCH", `/api/workflows/${id}`, { filters: { properties: [] } })).status).toBe(200);
    const broad = await blastRadius(id);
    const activate = { status: "active", acknowledged_affected_count: broad };
    expect((await api("PATCH", `/api/workflows/${id}`, activate)).status).toBe(200);
    expect(await blastRadius(id)).toBeGreaterThan(narrow);
    before = databaseFingerprint(stack.api.dbPath);
    await rejectedByMcp(
      admin,
      "workflows-run-batch",
      { id, acknowledged_affected_count: narrow },
      /acknowledged_count guard/,
    );
    await rejectedByApi(
      "POST",
      `/api/workflows/${id}/batch_jobs`,
      { acknowledged_affected_count: narrow },
      409,
      "count_drift",
    );
    expectNothingWritten();
  });

  it("activation without an acknowledged audience: created active, activated while widened, reactivated", async () => {
    const everyone = await api("POST", "/api/workflows/audience_size", {});
    const wholeProject = everyone.body.affected as number;
    const created = {
      name: "Pageview blast",
      status: "active",
      trigger: { type: "event", event: "$pageview" },
      filters: { properties: [] },
    };
    await rejectedByMcp(
      admin,
      "workflows-create",
      created,
      /acknowledged_count guard.*workflows-audience-size/,
    );
    await rejectedByApi("POST", "/api/workflows", created, 400, "count_missing");
    const lowball = { ...created, acknowledged_affected_count: 1 };
    await rejectedByMcp(admin, "workflows-create", lowball, new RegExp(`audience is now ${wholeProject}`));
    await rejectedByApi("POST", "/api/workflows", lowball, 409, "count_drift");
    // A draft activated in the call that widens it: the narrow count does not cover the new audience.
    const narrow = await blastRadius(GERMAN_NEWSLETTER);
    expect(narrow).toBeLessThan(wholeProject);
    const widen = { status: "active", filters: { properties: [] }, acknowledged_affected_count: narrow };
    await rejectedByMcp(
      admin,
      "workflows-update",
      { id: GERMAN_NEWSLETTER, ...widen },
      /acknowledged_count guard/,
    );
    await rejectedByApi("PATCH", `/api/workflows/${GERMAN_NEWSLETTER}`, widen, 409, "count_drift");
    // The archived "Everyone announcement" cannot come back without its count.
    const reactivate = { status: "active" };
    await rejectedByMcp(
      admin,
      "workflows-update",
      { id: EVERYONE_ARCHIVED, ...reactivate },
      /acknowledged_count guard/,
    );
    await rejectedByApi("PATCH", `/api/workflows/${EVERYONE_ARCHIVED}`, reactivate, 400, "count_missing");
    expectNothingWritten();
  });

  it("editing an active workflow (audience, trigger or status) is refused", async () => {
    const edits = [
      { name: "Renamed" },
      { filters: { properties: [] } },
      { trigger: { type: "event", event: "$pageview" } },
      { status: "draft" },
    ];
    for (const edit of edits) {
      await rejectedByMcp(
        admin,
        "workflows-update",
        { id: ENTERPRISE_RENEWAL, ...edit },
        /require_state guard/,
      );
      await rejectedByApi("PATCH", `/api/workflows/${ENTERPRISE_RENEWAL}`, edit, 409, "state_not_allowed");
    }
    await rejectedByApi(
      "DELETE",
      `/api/workflows/${ENTERPRISE_RENEWAL}`,
      undefined,
      409,
      "state_not_allowed",
    );
    expectNothingWritten();
  });

  it("schedule update without a fresh acknowledgement: missing or stale counts are refused", async () => {
    const count = await blastRadius(ENTERPRISE_RENEWAL);
    const schedule = await api("POST", `/api/workflows/${ENTERPRISE_RENEWAL}/schedules`, {
      acknowledged_affected_count: count,
      rrule: "FREQ=WEEKLY;BYDAY=MO",
      starts_at: "2027-01-04T09:00:00Z",
    });
    expect(schedule.status).toBe(201);
    const scheduleId = schedule.body.id as number;
    addPersons(stack.api.dbPath, 2, { plan: "enterprise" });
    before = databaseFingerprint(stack.api.dbPath);
    const path = `/api/workflows/${ENTERPRISE_RENEWAL}/schedules/${scheduleId}`;
    await rejectedByMcp(
      admin,
      "workflows-update-schedule",
      { id: ENTERPRISE_RENEWAL, schedule_id: scheduleId, status: "paused" },
      /acknowledged_affected_count/,
    );
    // The API's body schema requires the count, so this is a 400 before the guard even runs.
    await rejectedByApi("PATCH", path, { status: "paused" }, 400);
    const stale = {
      id: ENTERPRISE_RENEWAL,
      schedule_id: scheduleId,
      status: "paused",
      acknowledged_affected_count: count,
    };
    await rejectedByMcp(admin, "workflows-update-schedule", stale, /acknowledged_count guard/);
    await rejectedByApi(
      "PATCH",
      path,
      { status: "paused", acknowledged_affected_count: count },
      409,
      "count_drift",
    );
    expectNothingWritten();
  });

  it("batch runs of event, archived, draft or other-project workflows are refused", async () => {
    const cases = [
      { id: WELCOME_EMAIL, status: 409, reason: "state_not_allowed" },
      { id: EVERYONE_ARCHIVED, status: 409, reason: "state_not_allowed" },
      { id: GERMAN_NEWSLETTER, status: 409, reason: "state_not_allowed" },
      { id: OTHER_PROJECT_WORKFLOW, status: 404 },
    ];
    for (const { id, status, reason } of cases) {
      const count = id === OTHER_PROJECT_WORKFLOW ? 1 : await blastRadius(id);
      await rejectedByMcp(
        admin,
        "workflows-run-batch",
        { id, acknowledged_affected_count: count },
        /guard|not found|Not found/i,
      );
      await rejectedByApi(
        "POST",
        `/api/workflows/${id}/batch_jobs`,
        { acknowledged_affected_count: count },
        status,
        reason,
      );
    }
    expectNothingWritten();
  });

  it("behavioral audiences and event filters cannot be smuggled into a workflow", async () => {
    const audiences = [
      { events: [{ id: "$pageview", type: "events" }] },
      { actions: [{ id: 1, type: "actions" }] },
      { properties: [{ type: "cohort", value: 3 }] },
      { properties: [{ type: "cohort", value: 4 }] },
      {
        properties: [
          { type: "person", key: "plan", value: "pro" },
          { type: "cohort", value: 3 },
        ],
      },
    ];
    for (const filters of audiences) {
      await rejectedByMcp(
        admin,
        "workflows-create",
        { name: "Smuggled", trigger: { type: "batch" }, filters },
        /guard|Invalid arguments/,
      );
      await rejectedByApi(
        "POST",
        "/api/workflows",
        { name: "Smuggled", trigger: { type: "batch" }, filters },
        400,
      );
      await rejectedByMcp(
        admin,
        "workflows-update",
        { id: GERMAN_NEWSLETTER, filters },
        /guard|Invalid arguments/,
      );
      await rejectedByApi("PATCH", `/api/workflows/${GERMAN_NEWSLETTER}`, { filters }, 400);
    }
    expectNothingWritten();
  });

  it("channels of a non-Slack integration (GitHub) or a hidden or foreign one are refused", async () => {
    await rejectedByMcp(admin, "integrations-channels-retrieve", { id: 2 }, /allow_values guard/);
    await rejectedByApi("GET", "/api/integrations/2/channels", undefined, 400, "value_not_allowed");
    for (const id of [3, 4, 5]) {
      await rejectedByMcp(admin, "integrations-channels-retrieve", { id }, /guard|404/);
      await rejectedByApi("GET", `/api/integrations/${id}/channels`, undefined, 404);
    }
    expectNothingWritten();
  });

  it("ids of another project are invisible and unchangeable", async () => {
    const foreign = await api("GET", "/api/workflows", undefined, stack.keys.other.key);
    const ids = (foreign.body.results as { id: number }[]).map((flow) => flow.id);
    expect(ids).toContain(OTHER_PROJECT_WORKFLOW);
    await rejectedByMcp(admin, "workflows-get", { id: OTHER_PROJECT_WORKFLOW }, /404/);
    await rejectedByMcp(
      admin,
      "workflows-update",
      { id: OTHER_PROJECT_WORKFLOW, name: "Mine now" },
      /guard|404/,
    );
    await rejectedByMcp(admin, "workflows-blast-radius", { id: OTHER_PROJECT_WORKFLOW }, /404/);
    await rejectedByApi("GET", `/api/workflows/${OTHER_PROJECT_WORKFLOW}`, undefined, 404);
    await rejectedByApi("PATCH", `/api/workflows/${OTHER_PROJECT_WORKFLOW}`, { name: "Mine now" }, 404);
    await rejectedByApi("DELETE", `/api/workflows/${OTHER_PROJECT_WORKFLOW}`, undefined, 404);
    // A project-1 audience referencing the other project's cohort, and the reverse direction.
    const otherCohorts = await api("GET", "/api/cohorts", undefined, stack.keys.other.key);
    const foreignCohort = (otherCohorts.body.results as { id: number }[])[0]?.id;
    expect(foreignCohort).toBeDefined();
    const filters = { properties: [{ type: "cohort", value: foreignCohort }] };
    await rejectedByMcp(
      admin,
      "workflows-create",
      { name: "Foreign cohort", trigger: { type: "batch" }, filters },
      /guard/,
    );
    await rejectedByApi(
      "POST",
      "/api/workflows",
      { name: "Foreign cohort", trigger: { type: "batch" }, filters },
      400,
    );
    // The prepare step fetches the alert with the caller's key: a foreign id is refused there, with no token.
    const prepared = await rejectedByMcp(other, "alert-delete", { id: 1 }, /404/);
    expect(prepared).not.toContain("confirmation_token=");
    await rejectedByApi("DELETE", "/api/alerts/1", undefined, 404, undefined, stack.keys.other.key);
    expectNothingWritten();
  });

  it("a schedule of another workflow cannot be updated under a workflow whose count passes", async () => {
    const created = await api("POST", "/api/workflows", {
      name: "Everyone batch",
      trigger: { type: "batch" },
      filters: { properties: [] },
    });
    const broad = created.body.id as number;
    const broadCount = await blastRadius(broad);
    const activate = { status: "active", acknowledged_affected_count: broadCount };
    expect((await api("PATCH", `/api/workflows/${broad}`, activate)).status).toBe(200);
    const schedule = await api("POST", `/api/workflows/${broad}/schedules`, {
      acknowledged_affected_count: broadCount,
      rrule: "FREQ=WEEKLY;BYDAY=MO",
      starts_at: "2027-01-04T09:00:00Z",
    });
    expect(schedule.status).toBe(201);
    const scheduleId = schedule.body.id as number;
    expect(
      (
        await api("PATCH", `/api/workflows/${broad}/schedules/${scheduleId}`, {
          acknowledged_affected_count: broadCount,
          status: "paused",
        })
      ).status,
    ).toBe(200);
    const narrowCount = await blastRadius(ENTERPRISE_RENEWAL);
    before = databaseFingerprint(stack.api.dbPath);
    // Guards look up workflow 1 (its small count passes); the schedule belongs to the broad workflow.
    const args = {
      id: ENTERPRISE_RENEWAL,
      schedule_id: scheduleId,
      acknowledged_affected_count: narrowCount,
      status: "active",
    };
    await rejectedByMcp(admin, "workflows-update-schedule", args, /404|not found/i);
    await rejectedByApi(
      "PATCH",
      `/api/workflows/${ENTERPRISE_RENEWAL}/schedules/${scheduleId}`,
      { acknowledged_affected_count: narrowCount, status: "active" },
      404,
    );
    expectNothingWritten();
  });

  it("a Slack destination cannot use a GitHub or another project's integration", async () => {
    const filters = {
      events: [{ id: "$insight_alert_firing", type: "events" }],
      properties: [{ type: "event", key: "alert_id", value: 1 }],
    };
    for (const [integration, channel] of [
      [2, "C01ALERTS1"],
      [4, "C01ALERTS2"],
      [3, "C01ALERTS1"],
    ] as const) {
      const body = {
        name: "Sneaky",
        template: "slack",
        inputs: { slack_workspace: { value: integration }, channel: { value: channel } },
        filters,
      };
      await rejectedByMcp(admin, "destination-create", body, /HTTP 400|Invalid arguments/);
      await rejectedByApi("POST", "/api/destinations", body, 400);
    }
    expectNothingWritten();
  });

  it("a key cannot mint a key stronger than itself", async () => {
    const minter = await createApiKey(stack.api.url, stack.keys.admin.key, [
      "api_key:write",
      "hog_flow:read",
    ]);
    before = databaseFingerprint(stack.api.dbPath);
    for (const scopes of [
      ["*"],
      ["hog_flow:write"],
      ["person:read"],
      ["api_key:write", "hog_flow:read", "alert:read"],
    ]) {
      await rejectedByApi("POST", "/api/keys", { name: "escalation", scopes }, 403, undefined, minter);
    }
    await rejectedByApi(
      "POST",
      "/api/keys",
      { name: "escalation", scopes: ["hog_flow:read"] },
      403,
      undefined,
      stack.keys.reader.key,
    );
    expectNothingWritten();
  });

  describe("confirmation tokens", () => {
    /** Runs the prepare step and returns the token it issued. */
    async function prepare(client: Client, tool: string, args: Record<string, unknown>): Promise<string> {
      const result = await callTool(client, tool, args);
      expect(result.isError ?? false, resultText(result)).toBe(false);
      const token = /confirmation_token="([^"]+)"/.exec(resultText(result))?.[1];
      expect(token).toBeDefined();
      return token ?? "";
    }

    it("prepare writes nothing; replay after one execution is refused", async () => {
      const token = await prepare(admin, "alert-delete", { id: 2 });
      expectNothingWritten();
      const executed = await callTool(admin, "alert-delete", { id: 2, confirmation_token: token });
      expect(executed.isError ?? false, resultText(executed)).toBe(false);
      expect((await api("GET", "/api/alerts/2")).status).toBe(404);
      before = databaseFingerprint(stack.api.dbPath);
      await rejectedByMcp(admin, "alert-delete", { id: 2, confirmation_token: token }, /already used/);
      await rejectedByMcp(admin, "alert-delete", { confirmation_token: token }, /already used/);
      expectNothingWritten();
    });

    it("a token used by another caller, on another tool or with altered arguments is refused", async () => {
      const token = await prepare(admin, "destination-delete", { id: 2 });
      const colleague = await stack.connectColleague(["hog_function:write", "alert:write"]);
      before = databaseFingerprint(stack.api.dbPath);
      try {
        await rejectedByMcp(
          colleague,
          "destination-delete",
          { id: 2, confirmation_token: token },
          /another caller/,
        );
      } finally {
        await colleague.close();
      }
      await rejectedByMcp(
        other,
        "destination-delete",
        { id: 2, confirmation_token: token },
        /another caller/,
      );
      await rejectedByMcp(
        admin,
        "alert-delete",
        { id: 2, confirmation_token: token },
        /issued for 'destination-delete'/,
      );
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: 1, confirmation_token: token },
        /arguments differ/,
      );
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: "2", confirmation_token: token },
        /arguments differ|Invalid arguments/,
      );
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: 2, confirmation_token: `${token}x` },
        /signature|not one this server issued/,
      );
      expectNothingWritten();
      // Every failed attempt above left the token unclaimed: the rightful caller can still use it.
      const executed = await callTool(admin, "destination-delete", { id: 2, confirmation_token: token });
      expect(executed.isError ?? false, resultText(executed)).toBe(false);
    });

    it("ten concurrent redemptions of one token run it exactly once", async () => {
      const created = await api("POST", "/api/destinations", {
        name: "Race target",
        template: "webhook",
        inputs: { url: { value: "https://hooks.example.com/race" } },
        filters: {
          events: [{ id: "$insight_alert_firing", type: "events" }],
          properties: [{ type: "event", key: "alert_id", value: 1 }],
        },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as number;
      const token = await prepare(admin, "destination-delete", { id });
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          callTool(admin, "destination-delete", { id, confirmation_token: token }),
        ),
      );
      attempts.mcp += results.length;
      expect(results.filter((result) => !result.isError)).toHaveLength(1);
      for (const result of results.filter((candidate) => candidate.isError))
        expect(resultText(result)).toMatch(/already used/);
      expect((await api("GET", `/api/destinations/${id}`)).status).toBe(404);
    });

    it("an expired or forged token is refused", async () => {
      const signed = (secret: string, now: number) =>
        createConfirmationToken({
          secret,
          tool: "destination-delete",
          caller: stack.adminCallerId,
          args: { id: 1 },
          ttlSeconds: 300,
          now,
        });
      const expired = await signed(CONFIRM_SECRET, Date.now() - 3_600_000);
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: 1, confirmation_token: expired.token },
        /expired/,
      );
      const forged = await signed("another-secret-that-is-at-least-32-bytes-long", Date.now());
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: 1, confirmation_token: forged.token },
        /signature/,
      );
      const [prefix, body] = (await signed(CONFIRM_SECRET, Date.now())).token.split(".");
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: 1, confirmation_token: `${prefix}.${body}.` },
        /not one this server issued/,
      );
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: 1, confirmation_token: 12345 },
        /must be the string|Invalid arguments/,
      );
      // The control: the same token signed now with the right secret works.
      const fresh = await signed(CONFIRM_SECRET, Date.now());
      expect(
        (await callTool(admin, "destination-delete", { id: 1, confirmation_token: fresh.token })).isError ??
          false,
      ).toBe(false);
      before = databaseFingerprint(stack.api.dbPath);
      await rejectedByMcp(
        admin,
        "destination-delete",
        { id: 1, confirmation_token: fresh.token },
        /already used/,
      );
      expectNothingWritten();
    });
  });
});

/** A second, throwaway stack (same caller kind) for attempts that need data the shared one must not keep. */
async function separateStack(kind: CallerKind): Promise<{ stack: CorpusStack; close: () => Promise<void> }> {
  const stack = await startCorpusStack(kind);
  return { stack, close: () => stack.close() };
}
