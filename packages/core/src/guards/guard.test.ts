import { describe, expect, it } from "vitest";
import { GuardLookupSchema } from "./guard.js";

describe("GuardLookupSchema", () => {
  it.each([
    "alerts_list",
    "repos/get",
    "meta.root-v2",
    "GET /alerts/{id}",
    "DELETE /workflows/{workflow_id}/runs",
  ])("accepts the operation reference %s", (operation) => {
    expect(GuardLookupSchema.parse({ operation })).toEqual({ operation, params: {} });
  });

  it.each(["", "get /alerts", "GET alerts", "GET /alerts extra", "FETCH /alerts", "1alerts", "alerts list"])(
    "rejects %j with a message naming both forms",
    (operation) => {
      const result = GuardLookupSchema.safeParse({ operation });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        "operation must be an OpenAPI operationId or 'METHOD /path' (e.g. 'GET /alerts/{id}')",
      );
    },
  );
});
