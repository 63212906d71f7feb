// Suite 1 (demo API): hostile raw HTTP to every route: odd path parameters, query values and bodies.
// The API answers 4xx with its JSON error shape, never 5xx or a stack trace, and keeps serving.
import { ROUTES } from "@toolwright/demo-api";
import { type DemoStack, startDemoStack } from "@toolwright/testkit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLogger } from "../support/captured-logger.js";
import { recordFigures } from "../support/figures.js";
import { FUZZ_SEED, fuzzRuns, fuzzSuiteName, fuzzTimeout } from "../support/fuzz-settings.js";
import { hasStackTrace } from "../support/json-rpc-reply.js";
import { invalidUtf8, jsonText } from "../support/json-text.js";

const parameterValue = fc.oneof(
  fc.integer({ min: -5, max: 10 }).map(String),
  fc.constantFrom(
    "0",
    "-1",
    "1e3",
    "9007199254740993",
    "99999999999999999999",
    "1.5",
    "@current",
    "..",
    "%2e%2e",
    "1%2F..%2F5",
    "null",
    "__proto__",
    "constructor",
    "%00",
    "%FF",
    "1;DROP TABLE persons",
  ),
  fc.string({ maxLength: 12 }).map((text) => encodeURIComponent(text)),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  params: fc.array(parameterValue, { minLength: 2, maxLength: 2 }),
  query: fc.array(
    fc.tuple(
      fc.constantFrom(
        "limit",
        "offset",
        "status",
        "search",
        "alert_id",
        "insight_id",
        "hide_behavioral_cohorts",
        "__proto__",
      ),
      parameterValue,
    ),
    {
      maxLength: 3,
    },
  ),
  body: fc.option(
    fc.oneof(
      jsonText.map((text) => Buffer.from(text)),
      invalidUtf8,
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    ),
  ),
  contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
});

describe("fuzz: the demo API over raw HTTP", () => {
  let stack: DemoStack;
  let requests = 0;

  beforeAll(async () => {
    stack = await startDemoStack({ server: { logger: capturedLogger() } });
  });
  afterAll(async () => {
    await stack?.close();
    recordFigures(fuzzSuiteName("fuzz-demo-api"), { requests });
  });

  it(
    "answers every hostile request with a 2xx/4xx JSON reply and no stack trace",
    async () => {
      await fc.assert(
        fc.asyncProperty(request, async ({ route, params, query, body, contentType }) => {
          requests += 1;
          let index = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => params[index++ % params.length] ?? "1");
          const search = query.map(([name, value]) => `${name}=${value}`).join("&");
          const response = await fetch(`${stack.api.url}${path}${search ? `?${search}` : ""}`, {
            method: route.method.toUpperCase(),
            headers: {
              authorization: `Bearer ${stack.keys.admin.key}`,
              ...(contentType ? { "content-type": contentType } : {}),
            },
            ...(body && !["GET", "HEAD"].includes(route.method.toUpperCase()) ? { body } : {}),
            signal: AbortSignal.timeout(10_000),
          });
          const text = await response.text();
          const context = `${route.method} ${path}?${search} → ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, context).toBeLessThan(500);
          expect(hasStackTrace(text), context).toBe(false);
          if (response.status >= 400)
            expect(typeof (JSON.parse(text) as { error?: unknown }).error, context).toBe("string");
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(600) },
      );
    },
    fuzzTimeout(60_000),
  );

  it("keeps serving normal requests afterwards", async () => {
    const response = await fetch(`${stack.api.url}/api/workflows`, {
      headers: { authorization: `Bearer ${stack.keys.admin.key}` },
    });
    expect(response.status).toBe(200);
    // The fuzzer may legitimately have deleted draft workflows, so only the shape is checked.
    expect(Array.isArray(((await response.json()) as { results: unknown }).results)).toBe(true);
  });
});
