import { createHash } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_KEYS } from "../src/index.js";
import { startTestApi, type TestApi } from "./support/test-api.js";

describe("API keys", () => {
  let testApi: TestApi;
  beforeAll(async () => {
    testApi = await startTestApi();
  });
  afterAll(() => testApi.dispose());

  it("describes the calling key with @current", async () => {
    const admin = await testApi.request("GET", "/api/keys/@current");
    expect(admin.body).toMatchObject({
      name: "Demo admin",
      scopes: ["*"],
      project: { id: 1, name: "Hedgebox" },
    });
    const reader = await testApi.request("GET", "/api/keys/@current", { key: DEMO_KEYS.reader.key });
    expect(reader.body.scopes).toEqual([...DEMO_KEYS.reader.scopes]);
    expect(reader.body.scopes.every((scope: string) => scope.endsWith(":read"))).toBe(true);
  });

  it("creates a key with chosen scopes, returns the secret once, and stores only its hash", async () => {
    const created = await testApi.request("POST", "/api/keys", {
      body: { name: "Agent", scopes: ["hog_flow:read", "person:read"] },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^tw_/);
    expect(created.body).toMatchObject({
      name: "Agent",
      scopes: ["hog_flow:read", "person:read"],
      project_id: 1,
    });

    const current = await testApi.request("GET", "/api/keys/@current", { key: created.body.key });
    expect(current.body).toMatchObject({ id: created.body.id, scopes: ["hog_flow:read", "person:read"] });
    expect(JSON.stringify(current.body)).not.toContain(created.body.key);

    const db = new BetterSqlite3(testApi.dbPath, { readonly: true });
    const rows = db.prepare("SELECT key_hash FROM api_keys").all() as Array<{ key_hash: string }>;
    const file = db.prepare("SELECT * FROM api_keys WHERE id = ?").get(created.body.id);
    db.close();
    const hash = createHash("sha256").update(created.body.key).digest("hex");
    expect(rows.map((row) => row.key_hash)).toContain(hash);
    expect(JSON.stringify(file)).not.toContain(created.body.key);
    expect(JSON.stringify(rows)).not.toContain("tw_demo_admin");

    const allowed = await testApi.request("POST", "/api/workflows/1/blast_radius", { key: created.body.key });
    expect(allowed.status).toBe(200);
    const refused = await testApi.request("GET", "/api/cohorts", { key: created.body.key });
    expect(refused.status).toBe(403);
  });

  it("refuses scopes the calling key does not hold", async () => {
    const limited = await testApi.request("POST", "/api/keys", {
      body: { name: "Key maker", scopes: ["api_key:write"] },
    });
    const escalate = await testApi.request("POST", "/api/keys", {
      key: limited.body.key,
      body: { name: "Stronger", scopes: ["*"] },
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body).toMatchObject({ error: "insufficient_scope", missing_scopes: ["*"] });
    const same = await testApi.request("POST", "/api/keys", {
      key: limited.body.key,
      body: { name: "Same", scopes: ["api_key:read"] },
    });
    expect(same.status).toBe(201);
  });

  it("rejects malformed scopes with a field-level message", async () => {
    const answer = await testApi.request("POST", "/api/keys", {
      body: { name: "Bad", scopes: ["persons", "cohort:admin"] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.details.issues.map((issue: { path: string }) => issue.path)).toEqual([
      "scopes.0",
      "scopes.1",
    ]);
    expect(answer.body.details.issues[0].message).toContain("invalid scope 'persons'");
  });
});
