// Slow (pnpm test:release): a newcomer's journey with the published packages only. The packed tarballs are
// installed into an empty folder outside the repository, next to a small notes API of its own (a real HTTP
// server with a key-lookup endpoint); then: scaffold, decide the write tool's annotations, generate and check
// through a toolwright.config.ts typed by defineConfig, serve with analytics from flags only, connect with the
// official SDK client and call a tool, and run the banner's Inspector CLI line against that server.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { inspectorCommand } from "@toolwright/mcp-server/banner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { buildPublishedPackages, packPublishedPackages } from "./support/pack.js";
import { describeResult, runCommand } from "./support/run.js";

const KEY = "notes_key_0123456789";
let workspace = "";
let project = "";
let notesApi: Server;
let notesUrl = "";
let server: ChildProcess | undefined;
let serverErr = "";
let mcpUrl = "";

/** The user's own API: notes, and the key-lookup endpoint Toolwright asks who a key belongs to. */
function startNotesApi(): Promise<void> {
  const notes = [{ id: 1, text: "buy milk" }];
  notesApi = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${KEY}`) return send(401, { error: "unauthorized" });
    if (request.url === "/api/keys/@current")
      return send(200, { scopes: ["notes:read", "notes:write"], project: { id: 7 } });
    if (request.method === "GET" && request.url?.startsWith("/notes")) return send(200, { data: notes });
    if (request.method === "POST" && request.url === "/notes") {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => send(201, { id: notes.length + 1, ...JSON.parse(body || "{}") }));
      return;
    }
    send(404, { error: "not found" });
  });
  return new Promise((resolve) =>
    notesApi.listen(0, "127.0.0.1", () => {
      notesUrl = `http://127.0.0.1:${(notesApi.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

const SPEC = {
  openapi: "3.1.0",
  info: { title: "Notes Service API", version: "1.0.0" },
  servers: [{ url: "https://api.notes.example" }],
  paths: {
    "/notes": {
      get: {
        operationId: "listNotes",
        summary: "List notes",
        responses: { "200": { description: "notes" } },
      },
      post: {
        operationId: "createNote",
        summary: "Create a note",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
            },
          },
        },
        responses: { "201": { description: "created" } },
      },
    },
  },
};

const bin = (name: string) => join(project, "node_modules/.bin", name);
const run = (name: string, args: string[]) =>
  runCommand(bin(name), args, { cwd: project, timeoutMs: 60_000 });

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "toolwright-journey-"));
  project = join(workspace, "notes");
  mkdirSync(project);
  await buildPublishedPackages();
  const packed = await packPublishedPackages(workspace);
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "notes-mcp", private: true, type: "module" })}\n`,
  );
  const install = await runCommand(
    "npm",
    ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packed.map((entry) => entry.tarball)],
    { cwd: project, timeoutMs: 240_000 },
  );
  expect(install.code, describeResult("npm install", install)).toBe(0);
  writeFileSync(join(project, "openapi.json"), JSON.stringify(SPEC, null, 2));
  await startNotesApi();
}, 600_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGKILL");
    await once(server, "exit");
  }
  await new Promise((resolve) => notesApi?.close(resolve));
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe("a newcomer's journey with the published packages", () => {
  it("every bin prints its version", async () => {
    for (const name of ["toolwright", "toolwright-serve", "toolwright-analytics"]) {
      const result = await run(name, ["--version"]);
      expect(result.code, describeResult(`${name} --version`, result)).toBe(0);
      expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    }
  });

  it("scaffold names the feature after the product and leaves the write tool's annotations undecided", async () => {
    const result = await run("toolwright", [
      "scaffold",
      "--spec",
      "openapi.json",
      "--out",
      "mcp/notes.yaml",
      "--enabled",
      "--url-prefix",
      "/notes",
      "--json",
    ]);
    expect(result.code, describeResult("scaffold", result)).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ feature: "notes", tools: 2, undecided: 1 });
    const file = parse(readFileSync(join(project, "mcp/notes.yaml"), "utf8"));
    expect(file.tools["create-note"]).toMatchObject({ enabled: false });
    expect(file.tools["create-note"].annotations).toBeUndefined();
  });

  it("generate and check through a toolwright.config.ts typed by defineConfig; lint names the undecided tool", async () => {
    writeFileSync(
      join(project, "toolwright.config.ts"),
      [
        'import { defineConfig } from "@toolwright/codegen";',
        "",
        "export default defineConfig({",
        '  spec: "openapi.json",',
        '  definitions: ["mcp/*.yaml"],',
        '  out: "generated",',
        `  upstream: "${notesUrl}",`,
        '  serve: { name: "notes", instructions: "Notes tools: list them before you add one." },',
        "});",
        "",
      ].join("\n"),
    );
    const lint = await run("toolwright", ["lint", "--json"]);
    const findings = JSON.parse(lint.stdout) as Array<{ rule: string; tool: string }>;
    expect(findings.filter((finding) => finding.rule === "TW012").map((finding) => finding.tool)).toEqual([
      "create-note",
    ]);
    // The person decides: creating a note adds one, changes nothing else, and is not idempotent.
    const path = join(project, "mcp/notes.yaml");
    const file = parse(readFileSync(path, "utf8"));
    file.tools["create-note"] = {
      operation: "createNote",
      annotations: { readOnly: false, destructive: false, idempotent: false, openWorld: false },
    };
    writeFileSync(path, stringify(file));
    const generated = await run("toolwright", ["generate", "--json"]);
    expect(generated.code, describeResult("generate", generated)).toBe(0);
    expect(JSON.parse(generated.stdout).tools).toBe(2);
    const checked = await run("toolwright", ["check", "--json"]);
    expect(checked.code, describeResult("check", checked)).toBe(0);
    expect(JSON.parse(checked.stdout).upToDate).toBe(true);
  });

  it("serves with analytics from flags only, and the SDK client lists and calls the tools", async () => {
    const events = join(workspace, "events.jsonl");
    server = spawn(
      bin("toolwright"),
      ["serve", "--port", "0", "--analytics", "jsonl", "--events-file", events],
      {
        cwd: project,
        env: { PATH: process.env.PATH, HOME: workspace },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stderr?.on("data", (chunk: Buffer) => {
      serverErr += chunk.toString();
    });
    const deadline = Date.now() + 30_000;
    while (!mcpUrl && Date.now() < deadline && server.exitCode === null) {
      mcpUrl = /at (http:\/\/\S+\/mcp)/.exec(serverErr)?.[1] ?? "";
      await sleep(100);
    }
    expect(mcpUrl, serverErr).not.toBe("");
    const client = new Client({ name: "journey", version: "0.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(mcpUrl), {
        requestInit: { headers: { authorization: `Bearer ${KEY}` } },
      }),
    );
    expect(client.getServerVersion()?.name).toBe("notes");
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual([
      "create-note",
      "list-notes",
    ]);
    const listed = await client.callTool({ name: "list-notes", arguments: {} });
    expect(listed.isError).toBeFalsy();
    expect(JSON.stringify(listed.content)).toContain("buy milk");
    await client.close();
  });

  it("the banner's Inspector CLI line (2.x on a Node 22 from the registry) passes the header", async () => {
    const line = `${inspectorCommand()} --cli ${mcpUrl} --transport http --header "Authorization: Bearer ${KEY}" --method tools/list`;
    const result = await runCommand("sh", ["-c", line], { cwd: workspace, timeoutMs: 240_000 });
    expect(result.code, describeResult(line, result)).toBe(0);
    expect(JSON.parse(result.stdout).tools.map((tool: { name: string }) => tool.name)).toContain(
      "list-notes",
    );
  });

  it("stops on SIGTERM with exit 0, its events flushed without the key", async () => {
    const running = server as ChildProcess;
    const exited = once(running, "exit");
    running.kill("SIGTERM");
    expect((await exited)[0]).toBe(0);
    const events = readFileSync(join(workspace, "events.jsonl"), "utf8");
    expect(events).toContain("$mcp_tool_call");
    expect(events).not.toContain(KEY);
    const report = await run("toolwright-analytics", [
      "report",
      "--events",
      join(workspace, "events.jsonl"),
      "--json",
    ]);
    expect(report.code, describeResult("report --json", report)).toBe(0);
    expect(JSON.stringify(JSON.parse(report.stdout))).toContain("list-notes");
  });
});
