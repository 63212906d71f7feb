import { parseScopes } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { machineRegistrationValidator } from "../src/auth/machine-registration.js";

const validate = machineRegistrationValidator((secret) =>
  secret === "tw_project_2" ? { projectId: 2, scopes: parseScopes(["cohort:write"]) } : null,
);

/** The parts of oidc-provider's request context the validator reads. */
const request = (route: string, authorization?: string) =>
  ({ oidc: { route }, headers: authorization ? { authorization } : {} }) as never;

/** The error_description of the invalid_client_metadata error `run` throws. */
function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    return String((error as { error_description?: unknown }).error_description);
  }
  return "accepted";
}

const machine = () => ({
  grant_types: ["client_credentials"],
  token_endpoint_auth_method: "client_secret_basic",
});

describe("machine client registration", () => {
  it("binds the client to the key's project and defaults its scope to what the key grants", () => {
    const metadata: Record<string, unknown> = machine();
    validate(request("registration", "Bearer tw_project_2"), "project_id", undefined, metadata);
    expect(metadata.project_id).toBe(2);
    expect(metadata.scope).toBe("cohort:read cohort:write");
  });

  it("keeps a stored client's project when it is loaded on other routes", () => {
    const stored: Record<string, unknown> = { ...machine(), client_id: "abc", project_id: 2 };
    validate(request("token"), "project_id", 2, stored);
    expect(stored.project_id).toBe(2);
  });

  it("never accepts a project from a client ID metadata document", () => {
    const document = { ...machine(), client_id: "https://agent.example/client.json", project_id: 1 };
    expect(refusal(() => validate(request("authorization"), "project_id", 1, document))).toMatch(
      /metadata document cannot name a project_id/,
    );
    expect(refusal(() => validate(undefined, "project_id", 1, document))).toMatch(/metadata document/);
    const { project_id: _none, ...plain } = document;
    expect(refusal(() => validate(request("authorization"), "project_id", undefined, plain))).toBe(
      "accepted",
    );
  });
});
