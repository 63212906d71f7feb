import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/test-api.js";

describe("persistence", () => {
  let testApi: TestApi;
  beforeAll(async () => {
    testApi = await startTestApi();
  });
  afterAll(() => testApi.dispose());

  it("keeps data across a restart on the same file, without seeding again", async () => {
    const cohort = await testApi.request("POST", "/api/cohorts", {
      body: {
        name: "Survives restarts",
        filters: { properties: [{ type: "person", key: "plan", value: "growth" }] },
      },
    });
    expect(cohort.status).toBe(201);
    const key = await testApi.request("POST", "/api/keys", {
      body: { name: "kept", scopes: ["cohort:read"] },
    });
    const persons = (await testApi.request("GET", "/api/persons?limit=1")).body.count;

    await testApi.restart();

    const again = await testApi.request("GET", `/api/cohorts/${cohort.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(cohort.body);
    expect((await testApi.request("GET", "/api/persons?limit=1")).body.count).toBe(persons);
    const current = await testApi.request("GET", "/api/keys/@current", { key: key.body.key });
    expect(current.body.scopes).toEqual(["cohort:read"]);
    const cohorts = await testApi.request("GET", "/api/cohorts");
    expect(
      cohorts.body.results.filter((row: { name: string }) => row.name === "Enterprise customers"),
    ).toHaveLength(1);
  });

  it("seeds the same data on every fresh database", async () => {
    const other = await startTestApi();
    try {
      const first = await testApi.request("GET", "/api/persons?limit=500");
      const second = await other.request("GET", "/api/persons?limit=500");
      expect(second.body.results).toEqual(first.body.results);
    } finally {
      await other.dispose();
    }
  });
});
