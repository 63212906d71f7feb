// The HTTP recorder must keep each caller's own bearer key out of that request's events, whatever the
// key looks like (the demo keys such as `tw_demo_admin` match no secret pattern).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScopes } from "@toolwright/core";
import { afterAll, describe, expect, it } from "vitest";
import { demoAnalytics } from "../src/analytics.js";
import { demoCatalog } from "../src/catalog.js";
import { readSettings } from "../src/settings.js";

const directory = mkdtempSync(join(tmpdir(), "toolwright-demo-analytics-"));

describe("demoAnalytics", () => {
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("redacts the request's own bearer key from every event of that request", async () => {
    const eventsFile = join(directory, "events.jsonl");
    const settings = readSettings({ TOOLWRIGHT_ANALYTICS: "jsonl", TOOLWRIGHT_EVENTS_FILE: eventsFile });
    const recorder = demoAnalytics(settings, demoCatalog());
    expect(recorder).not.toBeNull();
    for (const key of ["tw_demo_admin", "tw_canaryWithoutAnyDigitsAtAllXyzw"]) {
      recorder?.recordToolCall({
        sessionId: `session-${key}`,
        headers: { authorization: `Bearer ${key}` },
        toolName: "persons-list",
        arguments: { search: key },
        result: { content: [{ type: "text", text: `No person matches ${key}.` }] },
      });
    }
    await recorder?.shutdown();
    const events = readFileSync(eventsFile, "utf8");
    expect(events.split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(events).toContain("persons-list");
    expect(events).not.toContain("tw_demo_admin");
    expect(events).not.toContain("tw_canaryWithoutAnyDigitsAtAllXyzw");
  });
});

describe("callerIdentity", () => {
  it("names a caller by its key id (never the key or its hash), with its project as a group", async () => {
    const { callerIdentity } = await import("@toolwright/server");
    const identity = callerIdentity({
      id: "hash-of-the-key",
      subject: "7",
      scopes: parseScopes(["persons:read"]),
      project: { id: 1, name: "Acme" },
    });
    expect(identity).toEqual({
      distinctId: "key:7",
      properties: { scopes: ["persons:read"], project_id: "1", project_name: "Acme" },
      groups: { project: "1" },
    });
    expect(callerIdentity({ id: "anonymous", scopes: [], project: null })).toBeUndefined();
  });
});
