import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiText, ROUTES } from "../src/index.js";
import { startTestApi, type TestApi } from "./support/test-api.js";

const CHECKED_IN = new URL("../openapi.json", import.meta.url);

describe("OpenAPI document", () => {
  let testApi: TestApi;
  beforeAll(async () => {
    testApi = await startTestApi();
  });
  afterAll(() => testApi.dispose());

  it("matches the checked-in openapi.json (run `pnpm openapi:write` after changing a route or schema)", () => {
    expect(readFileSync(CHECKED_IN, "utf8")).toBe(openApiText(ROUTES));
  });

  it("is served at /openapi.json without a key", async () => {
    const answer = await testApi.request("GET", "/openapi.json", { key: null });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(readFileSync(CHECKED_IN, "utf8")));
  });

  it("gives every operation a unique snake_case operationId and its required scopes", () => {
    const document = JSON.parse(readFileSync(CHECKED_IN, "utf8"));
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item as object));
    const ids = operations.map((operation) => operation.operationId as string);
    expect(ids).toHaveLength(ROUTES.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
    for (const route of ROUTES) {
      const operation = document.paths[route.path][route.method.toLowerCase()];
      expect(operation["x-required-scopes"]).toEqual(route.scopes);
    }
  });

  it("is summarised in the README: every operationId appears there", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const route of ROUTES) expect(readme, route.operationId).toContain(`\`${route.operationId}\``);
  });

  it("resolves every $ref to a component schema", () => {
    const text = readFileSync(CHECKED_IN, "utf8");
    const document = JSON.parse(text);
    const refs = [...text.matchAll(/"\$ref": "#\/components\/schemas\/([A-Za-z]+)"/g)].map(
      (match) => match[1],
    );
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(document.components.schemas).toHaveProperty(ref as string);
    expect(text).not.toContain("$defs");
  });
});
