import { hasScopes, missingScopes, parseScope } from "@toolwright/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES, SCOPE_RESOURCES } from "../src/index.js";
import { createKey, startTestApi, type TestApi } from "./support/test-api.js";

/** A concrete URL for a route: ids of seeded project-1 rows. */
function samplePath(path: string): string {
  return path.replace("{id}", "1").replace("{schedule_id}", "1");
}

/** A scope that grants nothing the route needs, so a key never has an empty scope list. */
function fillerScope(required: readonly string[]): string {
  const used = new Set(required.map((scope) => scope.split(":")[0]));
  const resource = SCOPE_RESOURCES.find((candidate) => !used.has(candidate));
  return `${resource}:read`;
}

interface MatrixCase {
  name: string;
  route: (typeof ROUTES)[number];
  scopes: string[];
  missing: string[];
}

/** Every route × (each required scope left out, a read scope where write is needed, exactly sufficient). */
function matrix(): MatrixCase[] {
  return ROUTES.flatMap((route) => {
    const required = route.scopes as string[];
    const cases: MatrixCase[] = required.map((left) => ({
      name: `${route.operationId} without ${left}`,
      route,
      scopes: [...required.filter((scope) => scope !== left), fillerScope(required)],
      missing: [left],
    }));
    for (const needed of required) {
      const parsed = parseScope(needed as never);
      if (parsed.access !== "write") continue;
      cases.push({
        name: `${route.operationId} with ${parsed.resource}:read instead of ${needed}`,
        route,
        scopes: required.map((scope) => (scope === needed ? `${parsed.resource}:read` : scope)),
        missing: [needed],
      });
    }
    cases.push({
      name: `${route.operationId} with exactly its scopes`,
      route,
      scopes: required,
      missing: [],
    });
    return cases;
  });
}

describe("scope matrix (every route × missing and sufficient scopes)", () => {
  let testApi: TestApi;
  beforeAll(async () => {
    testApi = await startTestApi();
  });
  afterAll(() => testApi.dispose());

  const cases = matrix();

  it("covers every route", () => {
    expect(new Set(cases.map((entry) => entry.route.operationId)).size).toBe(ROUTES.length);
  });

  it.each(cases)("$name", async ({ route, scopes, missing }) => {
    const key = await createKey(testApi, scopes.length > 0 ? scopes : [fillerScope([])]);
    const body = route.body ? {} : undefined;
    const answer = await testApi.request(route.method, samplePath(route.path), { key, body });
    if (missing.length > 0) {
      expect(answer.status).toBe(403);
      expect(answer.body.error).toBe("insufficient_scope");
      expect(answer.body.missing_scopes).toEqual(missing);
      expect(answer.body.message).toContain(missing[0]);
    } else {
      expect([401, 403]).not.toContain(answer.status);
    }
  });

  it.each(ROUTES.map((route) => ({ route, name: route.operationId })))(
    "$name answers 401 without a key and with a wrong key",
    async ({ route }) => {
      const withoutKey = await testApi.request(route.method, samplePath(route.path), { key: null });
      expect(withoutKey.status).toBe(401);
      expect(withoutKey.body.error).toBe("authentication_required");
      expect(withoutKey.headers.get("www-authenticate")).toBe("Bearer");
      const wrongKey = await testApi.request(route.method, samplePath(route.path), { key: "tw_not_a_key" });
      expect(wrongKey.status).toBe(401);
      expect(wrongKey.body.error).toBe("invalid_api_key");
    },
  );

  it("lets the reader key read everything and write nothing", async () => {
    for (const route of ROUTES) {
      const answer = await testApi.request(route.method, samplePath(route.path), {
        key: "tw_demo_reader",
        body: route.body ? {} : undefined,
      });
      const writes = route.scopes.some((scope) => scope.endsWith(":write"));
      if (writes) expect(answer.status, route.operationId).toBe(403);
      else expect([401, 403], route.operationId).not.toContain(answer.status);
    }
  });
});

describe("guard lookups and scopes", () => {
  it("every guarded route requires the scopes of every operation its guards look up", () => {
    const byOperation = new Map(ROUTES.map((route) => [route.operationId, route]));
    const gaps: string[] = [];
    for (const route of ROUTES) {
      for (const guard of route.guards ?? []) {
        const lookups =
          guard.type === "acknowledged_count"
            ? [guard.count.operation]
            : "target" in guard && guard.target
              ? [guard.target.operation]
              : [];
        for (const operation of lookups) {
          const looked = byOperation.get(operation);
          expect(looked, `${route.operationId} looks up unknown ${operation}`).toBeDefined();
          if (looked && !hasScopes(route.scopes, looked.scopes)) {
            gaps.push(
              `${route.operationId} -> ${operation}: ${missingScopes(route.scopes, looked.scopes).join(", ")}`,
            );
          }
        }
      }
    }
    expect(gaps).toEqual([]);
  });
});
