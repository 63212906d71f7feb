import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idByName } from "./support/lookup.js";
import { createKey, startTestApi, type TestApi } from "./support/test-api.js";

describe("Slack channel listing: rate_limit, 30 a minute per project", () => {
  let testApi: TestApi;
  beforeAll(async () => {
    testApi = await startTestApi();
  });
  afterAll(() => testApi.dispose());

  it("allows 30 listings per project across its keys, then answers 429 with Retry-After", async () => {
    const slack = await idByName(testApi, "/api/integrations", "Hedgebox Slack");
    const reader = await createKey(testApi, ["integration:read"]);
    const path = `/api/integrations/${slack}/channels`;
    const statuses: number[] = [];
    for (let index = 0; index < 30; index++) {
      statuses.push((await testApi.request("GET", path, index % 2 === 0 ? {} : { key: reader })).status);
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await testApi.request("GET", path, { key: reader });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      error: "guard_rejected",
      reason: "rate_limited",
      details: { guard: "rate_limit", limit: 30, window_seconds: 60, per: "project" },
    });
    expect(refused.body.message).toMatch(/allows 30 calls per 60 s per project.+Retry in \d+ s/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another project has its own budget.
    const otherSlack = await idByName(testApi, "/api/integrations", "Other Slack", "tw_demo_other");
    const other = await testApi.request("GET", `/api/integrations/${otherSlack}/channels`, {
      key: "tw_demo_other",
    });
    expect(other.status).toBe(200);
  });
});
