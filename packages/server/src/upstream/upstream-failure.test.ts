import { describe, expect, it } from "vitest";
import { describeUpstreamFailure } from "./upstream-failure.js";

const STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 503];
const DETAILS = [
  null,
  "",
  "Alert 99999 was not found in this project",
  "Alert 99999 was not found in this project.",
  "Validation failed:",
  "Really?",
  "a long explanation cut off…",
];

describe("describeUpstreamFailure", () => {
  it("reads as clean sentences for every status, whatever the upstream's message ends with", () => {
    for (const status of STATUSES) {
      for (const detail of DETAILS) {
        const message = describeUpstreamFailure({ kind: "http", status, detail }, ["alert:read"]);
        expect(message, `${status} ${detail}`).not.toMatch(/\.\.|:\.|\?\.|…\.| {2}|:\s*$/);
        expect(message, `${status} ${detail}`).toMatch(/[.!?]$/);
        expect(message).toContain(`HTTP ${status}`);
      }
    }
  });

  it("keeps the upstream's explanation and the advice", () => {
    expect(
      describeUpstreamFailure({
        kind: "http",
        status: 404,
        detail: "Alert 99999 was not found in this project.",
      }),
    ).toBe(
      "Not found (HTTP 404): Alert 99999 was not found in this project. Check the id or path arguments; use a list or search tool to find valid ids.",
    );
    expect(describeUpstreamFailure({ kind: "http", status: 403, detail: null }, ["a:read"])).toBe(
      "The upstream refused the call (HTTP 403). The key is missing scopes or access to this resource. This tool needs 'a:read'. Use a key with the needed scopes.",
    );
  });
});
