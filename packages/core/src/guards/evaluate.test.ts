import { describe, expect, it } from "vitest";
import { ToolwrightError } from "../errors/toolwright-error.js";
import { evaluateGuards, type GuardCall, type GuardResult, guardRejectionError } from "./evaluate.js";
import { type Guard, type GuardInput, GuardSchema } from "./guard.js";

/** A small in-memory product API: named operations over plain objects; every call is recorded. */
function createApi() {
  const workflows: Record<string, unknown> = {
    "1": { id: 1, status: "active", trigger: { type: "batch" } },
    "2": { id: 2, status: "draft", trigger: { type: "batch" } },
    "3": { id: 3, status: "active", trigger: { type: "event" } },
  };
  const audienceCounts: Record<string, number> = { "1": 120, "2": 75_000 };
  const cohorts: Record<string, unknown> = {
    "10": { id: 10, is_behavioral: false },
    "11": { id: 11, is_behavioral: true },
    "12": { id: 12, is_behavioral: false },
  };
  const integrations: Record<string, unknown> = {
    "7": { id: 7, kind: "slack" },
    "8": { id: 8, kind: "email" },
  };
  const calls: Array<{ operation: string; params: Record<string, unknown> }> = [];
  const operations: Record<string, (params: Record<string, unknown>) => unknown> = {
    workflows_retrieve: ({ id }) => workflows[String(id)],
    workflows_audience_count: ({ id }) => ({ count: audienceCounts[String(id)] }),
    cohorts_retrieve: ({ id }) => cohorts[String(id)],
    integrations_retrieve: ({ id }) => integrations[String(id)],
  };
  const call: GuardCall = async (operation, params) => {
    calls.push({ operation, params });
    const handler = operations[operation];
    if (!handler) throw new ToolwrightError("upstream_error", `unknown operation ${operation}`);
    const found = handler(params);
    if (found === undefined)
      throw new ToolwrightError("upstream_error", `${operation} ${JSON.stringify(params)}: 404`);
    return found;
  };
  return { call, calls, audienceCounts, workflows };
}

const guard = (input: GuardInput): Guard => GuardSchema.parse(input);

const activeBatch = [
  guard({
    type: "require_state",
    target: { operation: "workflows_retrieve", params: { id: "{args.id}" } },
    field: "status",
    allowed: ["active"],
  }),
  guard({
    type: "require_state",
    target: { operation: "workflows_retrieve", params: { id: "{args.id}" } },
    field: "trigger.type",
    allowed: ["batch"],
  }),
];
const audienceCount = guard({
  type: "acknowledged_count",
  argument: "acknowledged_audience_count",
  count: { operation: "workflows_audience_count", params: { id: "{args.id}" }, field: "count" },
  max: 50_000,
});

function rejection(result: GuardResult) {
  if (result.ok) throw new Error("expected a rejection");
  return result.rejection;
}

async function run(guards: Guard[], args: Record<string, unknown>) {
  const api = createApi();
  const result = await evaluateGuards(guards, { tool: "workflow-send-batch", args, call: api.call });
  return { result, calls: api.calls, api };
}

describe("acknowledged_count", () => {
  it("passes when the acknowledged count equals the recomputed one", async () => {
    const { result, calls } = await run([audienceCount], { id: 1, acknowledged_audience_count: 120 });
    expect(result).toEqual({ ok: true });
    expect(calls).toEqual([{ operation: "workflows_audience_count", params: { id: 1 } }]);
  });

  it("rejects a missing count without calling the count operation", async () => {
    const { result, calls } = await run([audienceCount], { id: 1 });
    expect(rejection(result)).toMatchObject({
      guard: "acknowledged_count",
      reason: "count_missing",
      details: { argument: "acknowledged_audience_count" },
    });
    expect(rejection(result).message).toContain("show it to the user");
    expect(rejection(result).message).toContain("'acknowledged_audience_count'");
    expect(calls).toEqual([]);
  });

  it.each([["120"], [120.5], [null]])("treats %j as missing", async (value) => {
    const { result } = await run([audienceCount], { id: 1, acknowledged_audience_count: value });
    expect(rejection(result).reason).toBe("count_missing");
  });

  it("rejects drift with both numbers and tells the agent to show the user", async () => {
    const { result } = await run([audienceCount], { id: 1, acknowledged_audience_count: 100 });
    const refused = rejection(result);
    expect(refused).toMatchObject({
      reason: "count_drift",
      details: { acknowledged: 100, current: 120, max: 50_000 },
    });
    expect(refused.message).toBe(
      "The audience is now 120, you acknowledged 100; show the user the new number and, if they agree, call again with acknowledged_audience_count=120.",
    );
  });

  it("rejects a count above max, naming the count and the limit", async () => {
    const { result } = await run([audienceCount], { id: 2, acknowledged_audience_count: 75_000 });
    const refused = rejection(result);
    expect(refused.reason).toBe("count_over_max");
    expect(refused.message).toContain("75000");
    expect(refused.message).toContain("50000");
  });

  it("uses the guard's noun and message", async () => {
    const custom = guard({
      type: "acknowledged_count",
      argument: "acknowledged_recipient_count",
      count: { operation: "workflows_audience_count", params: { id: "{args.id}" }, field: "count" },
      noun: "recipient list",
      message: "Ask the user to confirm the recipient count first.",
    });
    expect(rejection((await run([custom], { id: 1 })).result).message).toBe(
      "Ask the user to confirm the recipient count first.",
    );
    expect(
      rejection((await run([custom], { id: 1, acknowledged_recipient_count: 3 })).result).message,
    ).toContain("The recipient list is now 120, you acknowledged 3");
  });

  it("fails closed when the count is not a number", async () => {
    const api = createApi();
    delete api.audienceCounts["1"];
    const result = await evaluateGuards([audienceCount], {
      tool: "workflow-send-batch",
      args: { id: 1, acknowledged_audience_count: 0 },
      call: api.call,
    });
    expect(rejection(result)).toMatchObject({ guard: "acknowledged_count", reason: "lookup_failed" });
    expect(rejection(result).message).toContain("'workflows_audience_count' returned no number at 'count'");
  });
});

describe("require_state", () => {
  it("passes an active batch workflow", async () => {
    expect((await run(activeBatch, { id: 1 })).result).toEqual({ ok: true });
  });

  it("rejects a workflow in the wrong state, naming the field, the value and the allowed set", async () => {
    const refused = rejection((await run(activeBatch, { id: 2 })).result);
    expect(refused).toEqual({
      guard: "require_state",
      reason: "state_not_allowed",
      message: "'workflow-send-batch' needs status to be 'active', but it is 'draft'.",
      details: { field: "status", value: "draft", allowed: ["active"] },
    });
  });

  it("rejects the wrong trigger type through a nested field", async () => {
    const refused = rejection((await run(activeBatch, { id: 3 })).result);
    expect(refused.message).toBe(
      "'workflow-send-batch' needs trigger.type to be 'batch', but it is 'event'.",
    );
  });

  it("rejects when the field is absent", async () => {
    const absent = guard({
      type: "require_state",
      target: { operation: "workflows_retrieve", params: { id: "{args.id}" } },
      field: "archived_at",
      allowed: [null],
      message: "Archived workflows cannot be sent.",
    });
    const refused = rejection((await run([absent], { id: 1 })).result);
    expect(refused).toMatchObject({
      reason: "state_not_allowed",
      message: "Archived workflows cannot be sent.",
    });
  });
});

describe("allow_values", () => {
  const interval = guard({
    type: "allow_values",
    field: "calculation_interval",
    allowed: ["hourly", "daily"],
  });
  const slackOnly = guard({
    type: "allow_values",
    target: { operation: "integrations_retrieve", params: { id: "{args.integration_id}" } },
    field: "kind",
    allowed: ["slack"],
  });
  const staticCohorts = guard({
    type: "allow_values",
    each: { path: "filters.properties.*", where: { type: "cohort" } },
    target: { operation: "cohorts_retrieve", params: { id: "{item.value}" } },
    field: "is_behavioral",
    allowed: [false],
    message: "Behavioral cohorts cannot be used as a send audience.",
  });

  it("checks an argument against the allowlist", async () => {
    expect((await run([interval], { calculation_interval: "daily" })).result).toEqual({ ok: true });
    // An absent optional argument is not a value to refuse.
    expect((await run([interval], {})).result).toEqual({ ok: true });
    const refused = rejection((await run([interval], { calculation_interval: "weekly" })).result);
    expect(refused).toEqual({
      guard: "allow_values",
      reason: "value_not_allowed",
      message: "calculation_interval is 'weekly'; allowed: 'hourly', 'daily'.",
      details: { field: "calculation_interval", value: "weekly", allowed: ["hourly", "daily"] },
    });
  });

  it("checks a field of a fetched target", async () => {
    expect((await run([slackOnly], { integration_id: 7 })).result).toEqual({ ok: true });
    const refused = rejection((await run([slackOnly], { integration_id: 8 })).result);
    expect(refused.message).toBe("kind is 'email'; allowed: 'slack'.");
  });

  it("checks each matching item's target: cohorts in the filters must not be behavioral", async () => {
    const args = (...ids: number[]) => ({
      filters: {
        properties: [
          { type: "person", key: "email", value: "x@example.com" },
          ...ids.map((id) => ({ type: "cohort", key: "id", value: id })),
        ],
      },
    });
    const passing = await run([staticCohorts], args(10, 12));
    expect(passing.result).toEqual({ ok: true });
    // Only the cohort items are looked up, each with its own id.
    expect(passing.calls).toEqual([
      { operation: "cohorts_retrieve", params: { id: 10 } },
      { operation: "cohorts_retrieve", params: { id: 12 } },
    ]);
    const refused = await run([staticCohorts], args(10, 11, 12));
    expect(rejection(refused.result)).toMatchObject({
      reason: "value_not_allowed",
      message: "Behavioral cohorts cannot be used as a send audience.",
      details: { field: "is_behavioral", value: true },
    });
    // Fail fast: the third cohort is never fetched.
    expect(refused.calls.map((call) => call.params.id)).toEqual([10, 11]);
  });

  it("labels the item in the default message", async () => {
    const withoutMessage = guard({ ...staticCohorts, message: undefined } as GuardInput);
    const refused = rejection(
      (await run([withoutMessage], { filters: { properties: [{ type: "cohort", value: 11 }] } })).result,
    );
    expect(refused.message).toBe("filters.properties.0: is_behavioral is true; allowed: false.");
  });

  it("fails closed when the target has no such field", async () => {
    const refused = rejection(
      (await run([{ ...slackOnly, field: "provider" } as Guard], { integration_id: 7 })).result,
    );
    expect(refused).toMatchObject({ reason: "lookup_failed" });
    expect(refused.message).toContain("'integrations_retrieve' returned no 'provider'");
  });
});

describe("reject_fields", () => {
  const personAudience = guard({
    type: "reject_fields",
    fields: ["filters.events", "filters.actions"],
    message: "A person audience cannot filter on events or actions; use a cohort instead.",
  });

  it("rejects a forbidden field that is present, naming it", async () => {
    const refused = rejection((await run([personAudience], { filters: { actions: [{ id: 3 }] } })).result);
    expect(refused).toEqual({
      guard: "reject_fields",
      reason: "field_forbidden",
      message: "A person audience cannot filter on events or actions; use a cohort instead.",
      details: { field: "filters.actions" },
    });
  });

  it("does not count empty or null values as present", async () => {
    const args = { filters: { events: [], actions: null, properties: [{ key: "email" }] } };
    expect((await run([personAudience], args)).result).toEqual({ ok: true });
    expect((await run([personAudience], { filters: { events: {} } })).result).toEqual({ ok: true });
    expect((await run([personAudience], {})).result).toEqual({ ok: true });
  });

  it("with where, rejects only the matching items", async () => {
    const noBehavioral = guard({
      type: "reject_fields",
      fields: ["filters.properties.*"],
      where: { type: "behavioral" },
      message: "Behavioral filters are not allowed here.",
    });
    const allowed = { filters: { properties: [{ type: "person", key: "email" }] } };
    expect((await run([noBehavioral], allowed)).result).toEqual({ ok: true });
    const refused = rejection(
      (
        await run([noBehavioral], {
          filters: { properties: [{ type: "person" }, { type: "behavioral", key: "performed_event" }] },
        })
      ).result,
    );
    expect(refused.details).toEqual({ field: "filters.properties.1" });
  });
});

describe("evaluateGuards", () => {
  it("passes with no guards and ignores confirm guards", async () => {
    expect((await run([], {})).result).toEqual({ ok: true });
    expect((await run([guard({ type: "confirm" })], {})).result).toEqual({ ok: true });
  });

  it("fetches a confirm guard's target: passes with it, and rejects when it cannot be fetched", async () => {
    const confirm = guard({
      type: "confirm",
      target: { operation: "workflows_retrieve", params: { id: "{args.id}" } },
    });
    const found = await run([...activeBatch, confirm], { id: 1 });
    expect(found.result).toEqual({
      ok: true,
      confirmTarget: { id: 1, status: "active", trigger: { type: "batch" } },
    });
    // The require_state guard fetched the same workflow: one call serves both.
    expect(found.calls).toEqual([{ operation: "workflows_retrieve", params: { id: 1 } }]);
    const gone = rejection((await run([confirm], { id: 99 })).result);
    expect(gone).toMatchObject({ guard: "confirm", reason: "lookup_failed" });
    expect(gone.message).toBe(
      `Could not check the confirm guard of 'workflow-send-batch', so the call was not made: workflows_retrieve {"id":99}: 404.`,
    );
  });

  it("fails fast: returns the first rejection and runs no later guard", async () => {
    const { result, calls } = await run([...activeBatch, audienceCount], {
      id: 2,
      acknowledged_audience_count: 1,
    });
    expect(rejection(result).guard).toBe("require_state");
    expect(calls.map((call) => call.operation)).toEqual(["workflows_retrieve"]);
  });

  it("runs the same lookup once per evaluation", async () => {
    const { result, calls } = await run([...activeBatch, audienceCount], {
      id: 1,
      acknowledged_audience_count: 120,
    });
    expect(result).toEqual({ ok: true });
    expect(calls).toEqual([
      { operation: "workflows_retrieve", params: { id: 1 } },
      { operation: "workflows_audience_count", params: { id: 1 } },
    ]);
  });

  it("rejects with lookup_failed when a lookup throws (fail closed), without leaking other errors", async () => {
    const notFound = rejection((await run(activeBatch, { id: 99 })).result);
    expect(notFound).toMatchObject({ guard: "require_state", reason: "lookup_failed" });
    expect(notFound.message).toBe(
      `Could not check the require_state guard of 'workflow-send-batch', so the call was not made: workflows_retrieve {"id":99}: 404.`,
    );
    const crashing: GuardCall = async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    };
    const result = await evaluateGuards(activeBatch, {
      tool: "workflow-send-batch",
      args: { id: 1 },
      call: crashing,
    });
    expect(rejection(result).message).toBe(
      "Could not check the require_state guard of 'workflow-send-batch', so the call was not made: the lookup failed.",
    );
  });

  it("rejects with lookup_failed when a lookup parameter is missing, without calling", async () => {
    const { result, calls } = await run(activeBatch, {});
    expect(rejection(result).reason).toBe("lookup_failed");
    expect(rejection(result).message).toContain(
      "'workflows_retrieve' needs 'args.id', which the call did not provide",
    );
    expect(calls).toEqual([]);
  });

  it("turns a rejection into a guard_rejected error", async () => {
    const refused = rejection((await run(activeBatch, { id: 2 })).result);
    const error = guardRejectionError(refused, "workflow-send-batch");
    expect(error.code).toBe("guard_rejected");
    expect(error.message).toBe(refused.message);
    expect(error.location).toEqual({ tool: "workflow-send-batch" });
    expect(error.details).toMatchObject({
      guard: "require_state",
      reason: "state_not_allowed",
      value: "draft",
    });
  });
});

describe("paths never reach prototypes", () => {
  it("a __proto__ or constructor path finds nothing, so a guard cannot be satisfied through it", async () => {
    const state = guard({
      type: "require_state",
      target: { operation: "workflows_retrieve", params: { id: "{args.id}" } },
      field: "__proto__.polluted",
      allowed: [true],
    });
    const api = createApi();
    const polluting = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    Object.setPrototypeOf(api.workflows["1"] as object, { polluted: true });
    const result = await evaluateGuards([state], { tool: "t", args: { id: 1 }, call: api.call });
    expect(rejection(result).reason).toBe("state_not_allowed");
    // An own __proto__ key (as JSON.parse makes) is data, and may be read as such.
    const own = await evaluateGuards([state], { tool: "t", args: { id: 1 }, call: async () => polluting });
    expect(own).toEqual({ ok: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a lookup param template cannot read inherited properties", async () => {
    const api = createApi();
    const byConstructor = guard({
      type: "require_state",
      target: { operation: "workflows_retrieve", params: { id: "{args.constructor}" } },
      field: "status",
      allowed: ["active"],
    });
    const result = await evaluateGuards([byConstructor], { tool: "t", args: {}, call: api.call });
    expect(rejection(result).reason).toBe("lookup_failed");
    expect(api.calls).toEqual([]);
  });
});

describe("evaluateGuards: lookup failure wording", () => {
  it("does not double the period when the cause already ends a sentence", async () => {
    const result = await evaluateGuards(
      [
        {
          type: "require_state",
          target: { operation: "get", params: {} },
          field: "status",
          allowed: ["active"],
        },
      ],
      {
        tool: "t",
        args: {},
        call: async () => {
          throw new ToolwrightError("upstream_error", "The workflow was not found.");
        },
      },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejection.message).toBe(
        "Could not check the require_state guard of 't', so the call was not made: The workflow was not found.",
      );
    }
  });
});

describe("acknowledged_count with when", () => {
  const activation = guard({
    type: "acknowledged_count",
    argument: "acknowledged_audience_count",
    when: { status: "active" },
    count: { operation: "workflows_audience_count", params: { id: "{args.id}" }, field: "count" },
    max: 5000,
  });

  it("applies only to calls whose arguments match", async () => {
    const api = createApi();
    expect(
      await evaluateGuards([activation], { tool: "t", args: { id: 1, status: "draft" }, call: api.call }),
    ).toEqual({
      ok: true,
    });
    expect(await evaluateGuards([activation], { tool: "t", args: { id: 1 }, call: api.call })).toEqual({
      ok: true,
    });
    expect(api.calls).toEqual([]);
    const missing = await evaluateGuards([activation], {
      tool: "t",
      args: { id: 1, status: "active" },
      call: api.call,
    });
    expect(missing).toMatchObject({ ok: false, rejection: { reason: "count_missing" } });
    const drift = await evaluateGuards([activation], {
      tool: "t",
      args: { id: 1, status: "active", acknowledged_audience_count: 119 },
      call: api.call,
    });
    expect(drift).toMatchObject({ ok: false, rejection: { reason: "count_drift" } });
    const over = await evaluateGuards([activation], {
      tool: "t",
      args: { id: 2, status: "active", acknowledged_audience_count: 75_000 },
      call: api.call,
    });
    expect(over).toMatchObject({ ok: false, rejection: { reason: "count_over_max" } });
    expect(
      await evaluateGuards([activation], {
        tool: "t",
        args: { id: 1, status: "active", acknowledged_audience_count: 120 },
        call: api.call,
      }),
    ).toEqual({ ok: true });
  });
});
