import { MAX_TOOL_NAME_LENGTH, toolNameProblem } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { operationWords, uniqueToolName } from "./tool-names.js";

const operation = (id: string, hasOperationId = true) => ({
  id,
  hasOperationId,
  method: "GET" as const,
  path: "/pets/{id}",
});

describe("tool names from operations", () => {
  it("reads slash, kebab and camel-case operationIds", () => {
    expect(operationWords(operation("repos/get-content"))).toEqual(["repos", "get", "content"]);
    expect(operationWords(operation("GetCustomersCustomer"))).toEqual(["get", "customers", "customer"]);
    expect(operationWords(operation("listHTTPRoutes"))).toEqual(["list", "http", "routes"]);
  });

  it("names an operation without operationId from its method and path", () => {
    expect(uniqueToolName(operation("GET /pets/{id}", false), new Set())).toBe("get-pets-id");
  });

  it("shortens long names readably and keeps them valid", () => {
    const long = operation("GetCustomersCustomerBalanceTransactionsTransactionForTheCurrentAccount");
    const name = uniqueToolName(long, new Set());
    expect(name.length).toBeLessThanOrEqual(MAX_TOOL_NAME_LENGTH);
    expect(toolNameProblem(name)).toBeNull();
    expect(name).toBe("get-customer-balance-transaction-current-account");
  });

  it("makes colliding names unique with a counter, never a hash", () => {
    const taken = new Set<string>();
    const names = [operation("pets.get"), operation("pets/get"), operation("PetsGet")].map((item) =>
      uniqueToolName(item, taken),
    );
    expect(names).toEqual(["pets-get", "pets-get-2", "pets-get-3"]);
  });
});
