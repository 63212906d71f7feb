import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isToolwrightError, parseScopes } from "@toolwright/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallerInfo } from "../src/catalog/tool-context.js";
import { localFlagProvider, parseFlagList, readFlagFile } from "../src/visibility/local-flag-provider.js";
import { postHogFlagProvider } from "../src/visibility/posthog-flag-provider.js";

const caller = (project: number | null): CallerInfo => ({
  id: "caller-hash",
  scopes: parseScopes(["*"]),
  project: project === null ? null : { id: project, name: `Project ${project}` },
});

/** Flag definitions in the shape of PostHog's local-evaluation endpoint (`/flags/definitions`). */
const DEFINITIONS = {
  flags: [
    {
      id: 1,
      key: "notes-beta",
      active: true,
      filters: { groups: [{ properties: [], rollout_percentage: 100 }] },
    },
    {
      id: 2,
      key: "notes-off",
      active: false,
      filters: { groups: [{ properties: [], rollout_percentage: 100 }] },
    },
  ],
  group_type_mapping: {},
  cohorts: {},
};

/** One `/flags/?v=2` request as PostHog receives it. */
interface FlagsRequest {
  path: string;
  token: unknown;
  distinctId: unknown;
  groups: unknown;
}

/**
 * A stand-in for PostHog's flags endpoint on 127.0.0.1: it answers `POST /flags/?v=2` in the
 * endpoint's v2 shape from a table of flag values per distinct id, and can be switched to fail.
 */
class FlagsEndpoint {
  readonly requests: FlagsRequest[] = [];
  /** Authorization headers of the definitions requests (local evaluation). */
  readonly definitionRequests: string[] = [];
  values: Record<string, Record<string, boolean>> = {};
  failing = false;
  private server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.answer(request).then(({ status, body }) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    let text = "";
    for await (const chunk of request) text += chunk;
    if (request.method === "GET" && request.url?.startsWith("/flags/definitions")) {
      this.definitionRequests.push(request.headers.authorization ?? "");
      return { status: 200, body: DEFINITIONS };
    }
    if (request.method !== "POST" || !request.url?.startsWith("/flags/")) {
      return { status: 404, body: { detail: "not found" } };
    }
    const body = JSON.parse(text) as { token?: unknown; distinct_id?: unknown; groups?: unknown };
    this.requests.push({
      path: request.url,
      token: body.token,
      distinctId: body.distinct_id,
      groups: body.groups,
    });
    if (this.failing) return { status: 503, body: { detail: "unavailable" } };
    const values = this.values[String(body.distinct_id)] ?? {};
    const flags = Object.fromEntries(
      Object.entries(values).map(([key, enabled], index) => [
        key,
        {
          key,
          enabled,
          variant: null,
          reason: { code: "condition_match" },
          metadata: { id: index + 1, version: 1 },
        },
      ]),
    );
    return { status: 200, body: { flags, errorsWhileComputingFlags: false, requestId: "test" } };
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe("postHogFlagProvider against a flags endpoint on 127.0.0.1 (posthog-node)", () => {
  const endpoint = new FlagsEndpoint();
  let host: string;
  beforeAll(async () => {
    host = await endpoint.start();
  });
  afterAll(() => endpoint.close());

  it("evaluates a flag for the caller's project, sending the project key, distinct id and group", async () => {
    endpoint.values = { "7": { "notes-beta": true, "notes-legacy": false } };
    const provider = postHogFlagProvider({ apiKey: "phc_test_project", host, cacheTtlMs: 60_000 });
    try {
      expect(await provider.isEnabled("notes-beta", caller(7))).toBe(true);
      expect(await provider.isEnabled("notes-legacy", caller(7))).toBe(false);
      const last = endpoint.requests.at(-1);
      expect(last).toMatchObject({ token: "phc_test_project", distinctId: "7", groups: { project: "7" } });
      expect(last?.path).toMatch(/^\/flags\/\?v=2/);
    } finally {
      await provider.close();
    }
  });

  it("reuses an answer within the cache time and asks again after it", async () => {
    endpoint.values = { "8": { "notes-beta": true } };
    let clock = 1_000;
    const provider = postHogFlagProvider({ apiKey: "phc_test", host, cacheTtlMs: 500, now: () => clock });
    try {
      const before = endpoint.requests.length;
      expect(await provider.isEnabled("notes-beta", caller(8))).toBe(true);
      expect(await provider.isEnabled("notes-beta", caller(8))).toBe(true);
      expect(endpoint.requests.length - before).toBe(1);
      endpoint.values = { "8": { "notes-beta": false } };
      clock += 501;
      expect(await provider.isEnabled("notes-beta", caller(8))).toBe(false);
      expect(endpoint.requests.length - before).toBe(2);
    } finally {
      await provider.close();
    }
  });

  it("answers undefined when PostHog fails, and does not cache the failure", async () => {
    endpoint.values = { "9": { "notes-beta": true } };
    const provider = postHogFlagProvider({ apiKey: "phc_test", host, cacheTtlMs: 60_000 });
    try {
      endpoint.failing = true;
      expect(await provider.isEnabled("notes-beta", caller(9))).toBeUndefined();
      endpoint.failing = false;
      expect(await provider.isEnabled("notes-beta", caller(9))).toBe(true);
    } finally {
      endpoint.failing = false;
      await provider.close();
    }
  });

  it("falls back to the caller id as distinct id when the credential names no project", async () => {
    endpoint.values = { "caller-hash": { "notes-beta": true } };
    const provider = postHogFlagProvider({ apiKey: "phc_test", host });
    try {
      expect(await provider.isEnabled("notes-beta", caller(null))).toBe(true);
      expect(endpoint.requests.at(-1)).toMatchObject({ distinctId: "caller-hash" });
    } finally {
      await provider.close();
    }
  });
});

describe("postHogFlagProvider with local evaluation (personal API key)", () => {
  const endpoint = new FlagsEndpoint();
  let host: string;
  beforeAll(async () => {
    host = await endpoint.start();
  });
  afterAll(() => endpoint.close());

  it("evaluates from the polled definitions, without a flags request per answer", async () => {
    const provider = postHogFlagProvider({ apiKey: "phc_test", host, personalApiKey: "phx_personal_test" });
    try {
      expect(await provider.isEnabled("notes-beta", caller(7))).toBe(true);
      expect(await provider.isEnabled("notes-off", caller(7))).toBe(false);
      expect(endpoint.definitionRequests[0]).toBe("Bearer phx_personal_test");
      expect(endpoint.requests).toEqual([]);
    } finally {
      await provider.close();
    }
  });
});

describe("localFlagProvider", () => {
  it("reads a flag list from the environment form, '-' turning a flag off", async () => {
    const provider = localFlagProvider(parseFlagList("notes-beta, -notes-legacy,,"));
    expect(await provider.isEnabled("notes-beta", caller(1))).toBe(true);
    expect(await provider.isEnabled("notes-legacy", caller(1))).toBe(false);
    expect(await provider.isEnabled("unlisted", caller(1))).toBeUndefined();
  });

  it("turns a flag on per project from a flags file", async () => {
    const file = join(tmpdir(), `tw-flags-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ "notes-beta": { projects: [7] }, on: true }));
    const provider = localFlagProvider(readFlagFile(file));
    expect(await provider.isEnabled("notes-beta", caller(7))).toBe(true);
    expect(await provider.isEnabled("notes-beta", caller(8))).toBe(false);
    expect(await provider.isEnabled("on", caller(null))).toBe(true);
  });

  it("refuses a flags file with a value that is not a boolean or a project list, naming file and key", () => {
    const file = join(tmpdir(), `tw-flags-bad-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ "notes-beta": "yes" }));
    let thrown: unknown;
    try {
      readFlagFile(file);
    } catch (error) {
      thrown = error;
    }
    expect(isToolwrightError(thrown) && thrown.code).toBe("invalid_config");
    expect((thrown as Error).message).toContain(`invalid flags file ${file}: key 'notes-beta':`);
  });
});
