import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { apiRequest, createApiKey } from "@toolwright/testkit/demo-api-client.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPersons } from "./support/insert-persons.js";
import { type Item, type Page, rejected, succeeded } from "./support/tool-results.js";

let stack: DemoStack;
let admin: Client;
/** A second key of the same project with the same scopes (`*`): a different caller. */
let colleague: Client;
let other: Client;

beforeAll(async () => {
  stack = await startDemoStack();
  admin = await connectClient(stack.mcp.url, stack.keys.admin.key);
  colleague = await connectClient(
    stack.mcp.url,
    await createApiKey(stack.api.url, stack.keys.admin.key, ["*"]),
  );
  other = await connectClient(stack.mcp.url, stack.keys.other.key);
});
afterAll(async () => {
  await Promise.all([admin?.close(), colleague?.close(), other?.close()]);
  await stack?.close();
});

/** Status of a GET straight to the demo API as the admin (200 exists, 404 gone). */
async function apiStatus(path: string, key = stack.keys.admin.key): Promise<number> {
  return (await apiRequest(stack.api.url, key, "GET", path)).status;
}

async function batchJobs(workflowId: number, client = admin): Promise<number> {
  return (await succeeded<Page<Item>>(client, "workflows-list-batch-jobs", { id: workflowId })).count;
}

/** Runs the prepare step of a confirm tool and returns the token it hands out. */
async function prepare(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await callTool(client, name, args);
  expect(result.isError, resultText(result)).toBeFalsy();
  const token = /confirmation_token="([^"]+)"/.exec(resultText(result))?.[1];
  expect(token, resultText(result)).toBeDefined();
  return token as string;
}

async function createAlert(name: string): Promise<number> {
  const answer = await apiRequest<Item>(stack.api.url, stack.keys.admin.key, "POST", "/api/alerts", {
    insight_id: 1,
    name,
    subscribed_users: [1],
    threshold: { type: "absolute", bounds: { lower: 1 } },
  });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

describe("acknowledged count", () => {
  it("refuses a drifted count (acknowledged N-1) and runs nothing", async () => {
    const { affected } = await succeeded<{ affected: number }>(admin, "workflows-blast-radius", { id: 1 });
    expect(affected).toBe(40);
    const message = await rejected(admin, "workflows-run-batch", {
      id: 1,
      acknowledged_affected_count: affected - 1,
    });
    expect(message).toContain("acknowledged_count");
    expect(message).toContain(String(affected));
    expect(message).toContain(String(affected - 1));
    const schedule = await rejected(admin, "workflows-schedule-create", {
      id: 1,
      rrule: "FREQ=WEEKLY;BYDAY=MO",
      starts_at: "2027-01-04T09:00:00.000Z",
      acknowledged_affected_count: affected + 1,
    });
    expect(schedule).toContain(String(affected));
    expect(await batchJobs(1)).toBe(0);
    const schedules = await apiRequest<Page<Item>>(
      stack.api.url,
      stack.keys.admin.key,
      "GET",
      "/api/workflows/1/schedules",
    );
    expect(schedules.body.count).toBe(0);
  });

  it("runs the batch with the acknowledged count and records one batch job", async () => {
    const { affected } = await succeeded<{ affected: number }>(admin, "workflows-blast-radius", { id: 1 });
    const job = await succeeded(admin, "workflows-run-batch", {
      id: 1,
      acknowledged_affected_count: affected,
    });
    expect(job.id).toBeGreaterThan(0);
    const jobs = await succeeded<Page<Item>>(admin, "workflows-list-batch-jobs", { id: 1 });
    expect(jobs.count).toBe(1);
    expect(jobs.results[0]?.id).toBe(job.id);
    expect(JSON.stringify(jobs.results[0])).toContain(String(affected));
  });

  it("refuses an audience over the cap of 5000 even when acknowledged", async () => {
    // Activated while the audience is small (activation needs its acknowledged count, under the same cap).
    const everyoneNow = await succeeded<{ affected: number }>(other, "workflows-audience-size", {
      filters: { properties: [] },
    });
    const everyone = await succeeded(other, "workflows-create", {
      name: "Everyone at Other Co",
      status: "active",
      trigger: { type: "batch" },
      filters: { properties: [] },
      acknowledged_affected_count: everyoneNow.affected,
    });
    // Only the second project gets the extra persons, so the first project's numbers stay as seeded.
    insertPersons(stack.api.dbPath, "Other Co", 5000);
    const { affected } = await succeeded<{ affected: number }>(other, "workflows-blast-radius", {
      id: everyone.id,
    });
    expect(affected).toBeGreaterThan(5000);
    const message = await rejected(other, "workflows-run-batch", {
      id: everyone.id,
      acknowledged_affected_count: affected,
    });
    expect(message).toContain("acknowledged_count");
    expect(message).toContain(`The audience is ${affected}, above the limit of 5000`);
    expect(await batchJobs(everyone.id, other)).toBe(0);
  });
});

describe("workflow state and trigger", () => {
  it("refuses to run the draft batch workflow, saying it must be active", async () => {
    const message = await rejected(admin, "workflows-run-batch", { id: 2, acknowledged_affected_count: 1 });
    expect(message).toMatch(/active/);
    expect(message).toContain("require_state");
    expect(await batchJobs(2)).toBe(0);
  });

  it("refuses to run the event workflow as a batch", async () => {
    const message = await rejected(admin, "workflows-run-batch", { id: 3, acknowledged_affected_count: 0 });
    expect(message).toMatch(/batch trigger/);
    expect(await batchJobs(3)).toBe(0);
  });

  it("refuses to edit an active workflow", async () => {
    const message = await rejected(admin, "workflows-update", { id: 1, name: "Renamed" });
    expect(message).toMatch(/active/);
    const stored = await apiRequest<Item>(stack.api.url, stack.keys.admin.key, "GET", "/api/workflows/1");
    expect(stored.body.name).toBe("Enterprise renewal reminder");
  });
});

describe("integration channels", () => {
  it("refuses channels of the GitHub integration", async () => {
    const message = await rejected(admin, "integrations-channels-retrieve", { id: 2 });
    expect(message).toContain("allow_values");
    expect(message).toMatch(/Only Slack integrations have channels/);
  });

  it("refuses channels of the hidden Twilio integration as not found", async () => {
    const message = await rejected(admin, "integrations-channels-retrieve", { id: 3 });
    expect(message).toMatch(/not found/i);
    expect(message).not.toContain("twilio_demo_secret");
  });
});

describe("workflow audiences", () => {
  async function workflowCount(): Promise<number> {
    return (await apiRequest<Page<Item>>(stack.api.url, stack.keys.admin.key, "GET", "/api/workflows")).body
      .count;
  }

  it("refuses filters.events in a new workflow and creates nothing", async () => {
    const before = await workflowCount();
    const message = await rejected(admin, "workflows-create", {
      name: "Pageview nudge",
      trigger: { type: "batch" },
      filters: { events: [{ id: "$pageview", type: "events" }], properties: [] },
    });
    expect(message).toContain("reject_fields");
    expect(message).toMatch(/events or actions/);
    expect(await workflowCount()).toBe(before);
  });

  it("refuses a behavioral cohort (direct or through a referenced cohort) and creates nothing", async () => {
    const before = await workflowCount();
    for (const cohortId of [3, 4]) {
      const message = await rejected(admin, "workflows-create", {
        name: `Power users ${cohortId}`,
        trigger: { type: "batch" },
        filters: { properties: [{ type: "cohort", value: cohortId }] },
      });
      expect(message).toMatch(/Behavioral cohorts/);
    }
    expect(await workflowCount()).toBe(before);
  });

  it("applies the same audience rules when updating a draft, and leaves it unchanged", async () => {
    const events = await rejected(admin, "workflows-update", {
      id: 2,
      filters: { actions: [{ id: 1, type: "actions" }], properties: [] },
    });
    expect(events).toContain("reject_fields");
    const behavioral = await rejected(admin, "workflows-update", {
      id: 2,
      filters: { properties: [{ type: "cohort", value: 4 }] },
    });
    expect(behavioral).toMatch(/Behavioral cohorts/);
    const stored = await apiRequest<Item>(stack.api.url, stack.keys.admin.key, "GET", "/api/workflows/2");
    expect(stored.body.filters).toEqual({ properties: [{ type: "cohort", value: 5 }] });
  });
});

describe("confirmation", () => {
  it("alert-delete: prepare deletes nothing, execute deletes, a replayed token is refused", async () => {
    const id = await createAlert("Delete me");
    const token = await prepare(admin, "alert-delete", { id });
    expect(await apiStatus(`/api/alerts/${id}`)).toBe(200);
    const done = await callTool(admin, "alert-delete", { id, confirmation_token: token });
    expect(done.isError, resultText(done)).toBeFalsy();
    expect(await apiStatus(`/api/alerts/${id}`)).toBe(404);

    const again = await createAlert("Delete me too");
    const replay = await rejected(admin, "alert-delete", { confirmation_token: token });
    expect(replay).toMatch(/already used/);
    expect(await apiStatus(`/api/alerts/${again}`)).toBe(200);
  });

  it("alert-delete: the prepare step names the alert the user is asked to delete", async () => {
    const id = await createAlert("Quarterly revenue drop");
    const prepared = resultText(await callTool(admin, "alert-delete", { id }));
    expect(prepared).toContain(
      `Delete the alert 'Quarterly revenue drop' (id ${id}, NotFiring); its email subscribers stop hearing about it.`,
    );
    expect(prepared).toContain(`Arguments: {"id":${id}}`);
  });

  it("alert-delete: an alert that does not exist is refused at prepare, with no token", async () => {
    const result = await callTool(admin, "alert-delete", { id: 987_654 });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(
      /^Could not check the confirm guard of 'alert-delete', so the call was not made: .*404/,
    );
    expect(resultText(result)).not.toContain("confirmation_token");
  });

  it("alert-delete: a token for an alert deleted meanwhile runs nothing", async () => {
    const id = await createAlert("Deleted meanwhile");
    const token = await prepare(admin, "alert-delete", { id });
    expect(
      (await apiRequest(stack.api.url, stack.keys.admin.key, "DELETE", `/api/alerts/${id}`)).status,
    ).toBe(204);
    const message = await rejected(admin, "alert-delete", { confirmation_token: token });
    expect(message).toMatch(/^Could not check the confirm guard of 'alert-delete', so the call was not made/);
  });

  it("destination-delete: prepare deletes nothing, execute (token alone) deletes", async () => {
    expect(await apiStatus("/api/destinations/2")).toBe(200);
    const token = await prepare(admin, "destination-delete", { id: 2 });
    expect(await apiStatus("/api/destinations/2")).toBe(200);
    const done = await callTool(admin, "destination-delete", { confirmation_token: token });
    expect(done.isError, resultText(done)).toBeFalsy();
    expect(await apiStatus("/api/destinations/2")).toBe(404);
    expect(await apiStatus("/api/destinations/1")).toBe(200);
  });

  it("refuses a token used by another caller with the same scopes", async () => {
    const id = await createAlert("Not yours");
    const token = await prepare(admin, "alert-delete", { id });
    const message = await rejected(colleague, "alert-delete", { id, confirmation_token: token });
    expect(message).toMatch(/another caller/);
    expect(await apiStatus(`/api/alerts/${id}`)).toBe(200);
  });

  it("refuses a token issued for another tool", async () => {
    const token = await prepare(admin, "alert-delete", { id: 1 });
    const message = await rejected(admin, "destination-delete", { id: 1, confirmation_token: token });
    expect(message).toContain("issued for 'alert-delete', not 'destination-delete'");
    expect(await apiStatus("/api/destinations/1")).toBe(200);
    expect(await apiStatus("/api/alerts/1")).toBe(200);
  });

  it("refuses altered arguments and deletes neither alert", async () => {
    const prepared = await createAlert("Prepared");
    const target = await createAlert("Target");
    const token = await prepare(admin, "alert-delete", { id: prepared });
    const message = await rejected(admin, "alert-delete", { id: target, confirmation_token: token });
    expect(message).toMatch(/arguments differ/);
    expect(await apiStatus(`/api/alerts/${prepared}`)).toBe(200);
    expect(await apiStatus(`/api/alerts/${target}`)).toBe(200);
  });

  it("refuses a forged token", async () => {
    const token = await prepare(admin, "alert-delete", { id: 1 });
    const forged = `${token.slice(0, -4)}AAAA`;
    await rejected(admin, "alert-delete", { id: 1, confirmation_token: forged });
    expect(await apiStatus("/api/alerts/1")).toBe(200);
    // The genuine token was not spent by the forged attempt.
    const done = await callTool(admin, "alert-delete", { confirmation_token: token });
    expect(done.isError, resultText(done)).toBeFalsy();
    expect(await apiStatus("/api/alerts/1")).toBe(404);
  });
});
