import { readdirSync, readFileSync } from "node:fs";
import {
  annotationsRequired,
  checkDefinitionSet,
  type DefinitionFile,
  type LoadedDefinitionFile,
  parseDefinitionFile,
  toolGuards,
} from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { ROUTES } from "../src/index.js";

const MCP_FOLDER = new URL("../mcp/", import.meta.url);
const files: LoadedDefinitionFile[] = readdirSync(MCP_FOLDER)
  .filter((name) => name.endsWith(".yaml"))
  .sort()
  .map((file) => ({
    file,
    definition: parseDefinitionFile(readFileSync(new URL(file, MCP_FOLDER), "utf8"), file),
  }));
const tools: Record<string, DefinitionFile["tools"][string]> = Object.assign(
  {},
  ...files.map((file) => file.definition.tools),
);
const openApi = JSON.parse(readFileSync(new URL("../openapi.json", import.meta.url), "utf8"));
const methodByOperation = new Map<string, string>();
for (const item of Object.values(openApi.paths)) {
  for (const [method, operation] of Object.entries(item as Record<string, { operationId: string }>)) {
    methodByOperation.set(operation.operationId, method.toUpperCase());
  }
}

const REQUIRED_TOOLS = [
  "persons-list",
  "cohorts-list",
  "cohort-get",
  "cohort-create",
  "alerts-list",
  "alert-get",
  "alert-create",
  "alert-update",
  "alert-delete",
  "integrations-list",
  "integration-get",
  "integrations-channels-retrieve",
  "destinations-list",
  "destination-create",
  "destination-update",
  "destination-delete",
  "workflows-list",
  "workflows-get",
  "workflows-create",
  "workflows-update",
  "workflows-blast-radius",
  "workflows-run-batch",
  "workflows-schedule-create",
  "workflows-list-batch-jobs",
  "workflows-update-schedule",
];

describe("MCP definitions (mcp/*.yaml)", () => {
  it("has one file per area, valid under core's schema, with unique tool names", () => {
    expect(files.map((file) => file.file)).toEqual([
      "alerts.yaml",
      "cohorts.yaml",
      "destinations.yaml",
      "insights.yaml",
      "integrations.yaml",
      "persons.yaml",
      "projects.yaml",
      "workflows.yaml",
    ]);
    expect(checkDefinitionSet(files)).toEqual([]);
  });

  it("defines every tool the issue lists", () => {
    for (const name of REQUIRED_TOOLS) expect(tools, name).toHaveProperty([name]);
  });

  it("binds every tool to an operation of openapi.json", () => {
    for (const [name, tool] of Object.entries(tools)) {
      expect(methodByOperation.has(tool.operation), `${name}: ${tool.operation}`).toBe(true);
    }
  });

  it("states annotations for every POST/PATCH/PUT tool and scopes for every tool", () => {
    for (const [name, tool] of Object.entries(tools)) {
      const method = methodByOperation.get(tool.operation) as string;
      if (annotationsRequired(method)) expect(tool.annotations, name).toBeDefined();
      expect(tool.scopes?.length, name).toBeGreaterThan(0);
    }
  });

  it("asks for confirmation before deleting alerts and destinations", () => {
    for (const name of ["alert-delete", "destination-delete"]) {
      expect(toolGuards(tools[name] as DefinitionFile["tools"][string]).map((guard) => guard.type)).toEqual([
        "confirm",
      ]);
    }
  });

  it("is where the API's guards come from: each guarded operation enforces its tools' guards but confirm", () => {
    const guarded = ROUTES.filter((route) => route.guards && route.guards.length > 0);
    expect(guarded.map((route) => route.operationId).sort()).toEqual([
      "integrations_channels_retrieve",
      "workflows_batch_jobs_create",
      "workflows_create",
      "workflows_destroy",
      "workflows_partial_update",
      "workflows_schedules_create",
      "workflows_schedules_partial_update",
    ]);
    for (const [name, tool] of Object.entries(tools)) {
      const route = ROUTES.find((candidate) => candidate.operationId === tool.operation);
      const declared = toolGuards(tool).filter((guard) => guard.type !== "confirm");
      expect(route?.guards ?? [], name).toEqual(declared);
    }
  });

  it("declares the channel listing's rate limit before its Slack check", () => {
    const route = ROUTES.find((candidate) => candidate.operationId === "integrations_channels_retrieve");
    expect(route?.guards?.map((guard) => guard.type)).toEqual(["rate_limit", "allow_values"]);
  });

  it("gives tools the scopes their guard lookups need", () => {
    for (const [name, tool] of Object.entries(tools)) {
      const route = ROUTES.find((candidate) => candidate.operationId === tool.operation);
      expect(tool.scopes, name).toEqual(expect.arrayContaining(route?.scopes ?? []));
      for (const guard of tool.guards ?? []) {
        const lookup = "target" in guard ? guard.target : "count" in guard ? guard.count : undefined;
        if (!lookup) continue;
        const lookupRoute = ROUTES.find((candidate) => candidate.operationId === lookup.operation);
        for (const needed of lookupRoute?.scopes ?? []) {
          const resource = needed.split(":")[0];
          expect(
            tool.scopes?.some((held) => held.startsWith(`${resource}:`)),
            `${name} needs ${needed} for ${lookup.operation}`,
          ).toBe(true);
        }
      }
    }
  });
});
