import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { runCli } from "../src/cli/run-cli.js";
import { createJsonlFileSink, instrument, summarizeEvents } from "../src/index.js";
import { parseEventLines } from "../src/report/load-events.js";
import { connectV1, newMcpServerV1 } from "./helpers.js";

let folder: string;
let eventsFile: string;

// Generates a real events file: an instrumented server, a client, and a mix of calls.
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "tw-analytics-report-"));
  eventsFile = join(folder, ".data", "events.jsonl");
  const server = newMcpServerV1();
  server.registerTool("list_projects", {}, async () => ({ content: [{ type: "text", text: "[]" }] }));
  server.registerTool("get_project", { inputSchema: { id: z.string() } }, async ({ id }) =>
    id === "missing"
      ? { isError: true, content: [{ type: "text", text: "not found" }] }
      : { content: [{ type: "text", text: id }] },
  );
  server.registerTool("delete_project", {}, async () => ({ content: [{ type: "text", text: "deleted" }] }));
  const handle = instrument(server, { sink: createJsonlFileSink({ path: eventsFile }), reportMissing: true });
  const client = await connectV1(server);
  await client.listTools();
  for (let call = 0; call < 3; call++) {
    await client.callTool({ name: "list_projects", arguments: { context: "finding the <user>'s projects" } });
  }
  await client.callTool({ name: "get_project", arguments: { id: "p1", context: "opening a project" } });
  await client.callTool({ name: "get_project", arguments: { id: "missing" } });
  await client.callTool({ name: "get_more_tools", arguments: { context: "export a dashboard as PDF" } });
  await handle.shutdown();
  await writeFile(eventsFile, "not json\n", { flag: "a" });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function capture() {
  const output = { out: "", error: "" };
  return {
    output,
    io: {
      out: (text: string) => {
        output.out += text;
      },
      error: (text: string) => {
        output.error += text;
      },
    },
  };
}

describe("toolwright-analytics report", () => {
  it("summarizes calls, errors, durations, intents, missing capabilities and unused tools", async () => {
    const { events } = parseEventLines(await readFile(eventsFile, "utf8"));
    const summary = summarizeEvents(events);
    expect(summary.tools.map((tool) => [tool.name, tool.calls, tool.errors])).toEqual([
      ["list_projects", 3, 0],
      ["get_project", 2, 1],
    ]);
    expect(summary.tools[1]?.errorRate).toBe(0.5);
    expect(summary.tools[0]?.p95Ms).toEqual(expect.any(Number));
    expect(summary.topIntents).toEqual([
      { text: "finding the <user>'s projects", count: 3 },
      { text: "opening a project", count: 1 },
    ]);
    expect(summary.missingCapabilities).toEqual([{ text: "export a dashboard as PDF", count: 1 }]);
    expect(summary.neverCalled).toEqual(["delete_project"]);
    expect(summary.clients).toEqual([{ text: "test-client", count: 1 }]);
  });

  it("prints the terminal summary and writes a self-contained HTML page", async () => {
    const { output, io } = capture();
    const out = join(folder, "out", "report.html");
    const code = await runCli(["report", "--events", eventsFile, "--out", out], io);
    expect(code).toBe(0);
    expect(output.out).toContain("list_projects");
    expect(output.out).toMatch(/get_project\s+2\s+1\s+50\.0%/);
    expect(output.out).toContain("export a dashboard as PDF");
    expect(output.out).toMatch(/Tools never called\n\s+delete_project/);
    expect(output.error).toContain("Skipped 1 line");
    const html = await readFile(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("finding the &lt;user&gt;&#39;s projects");
    expect(html).not.toMatch(/<script|<link|\ssrc=|url\(|https?:\/\//);
  });

  it("explains a missing events file and unknown commands, and prints help", async () => {
    const missing = capture();
    expect(await runCli(["report", "--events", join(folder, "nope.jsonl")], missing.io)).toBe(1);
    expect(missing.output.error).toMatch(/nope\.jsonl does not exist/);
    const unknown = capture();
    expect(await runCli(["summarise"], unknown.io)).toBe(2);
    expect(unknown.output.error).toContain("Unknown command: summarise");
    const help = capture();
    expect(await runCli(["--help"], help.io)).toBe(0);
    expect(help.output.out).toContain("--events FILE");
    const bogus = capture();
    expect(await runCli(["report", "--bogus"], bogus.io)).toBe(2);
    expect(bogus.output.error).toBe(
      "toolwright-analytics: Unknown option '--bogus'. Run 'toolwright-analytics --help' for usage.\n",
    );
    const version = capture();
    expect(await runCli(["--version"], version.io)).toBe(0);
    expect(version.output.out).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("report --json prints the summary as JSON and writes no HTML unless --out is given", async () => {
    const { output, io } = capture();
    const cwd = process.cwd();
    expect(await runCli(["report", "--events", eventsFile, "--json"], io)).toBe(0);
    const summary = JSON.parse(output.out);
    expect(summary.eventsFile).toBe(eventsFile);
    expect(summary.skippedLines).toBe(1);
    expect(JSON.stringify(summary)).toContain("list_projects");
    expect(process.cwd()).toBe(cwd);
    await expect(readFile(join(cwd, "report.html"))).rejects.toThrow();
  });

  it("runs as a bin, reading .data/events.jsonl by default", async () => {
    const packageDir = join(import.meta.dirname, "..");
    const tsx = join(packageDir, "node_modules", ".bin", "tsx");
    const bin = join(packageDir, "src", "cli", "bin.ts");
    const { stdout } = await promisify(execFile)(tsx, ["--conditions=@toolwright/source", bin, "report"], {
      cwd: folder,
    });
    expect(stdout).toContain("Calls per tool");
    expect(await readFile(join(folder, "report.html"), "utf8")).toContain("MCP usage report");
  });
});
