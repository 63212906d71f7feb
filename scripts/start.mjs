#!/usr/bin/env node
// The main job: the demo API and its MCP server on 127.0.0.1, run from source. Ctrl-C stops both.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const children = [];
let stopping = false;

// As the images run the servers (see apps/mcp-server/Dockerfile): a young generation large enough
// for the requests in flight under load.
const NODE_FLAGS = ["--max-semi-space-size=32"];

function run(name, entry, env = {}) {
  const args = [...NODE_FLAGS, tsx, "--conditions=@toolwright/source", join(root, entry)];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); stopping.`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  let left = children.length;
  for (const child of children) child.on("exit", () => --left === 0 && process.exit(code));
  setTimeout(() => process.exit(code), 5000).unref();
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

run("demo API", "apps/demo-api/src/main.ts");
run("MCP server", "apps/mcp-server/src/main.ts", {
  TOOLWRIGHT_WAIT_FOR_UPSTREAM: "1",
  // The demo authorization server the demo API starts beside itself.
  TOOLWRIGHT_OAUTH_ISSUER:
    process.env.TOOLWRIGHT_OAUTH_ISSUER ?? `http://127.0.0.1:${process.env.DEMO_AUTH_PORT || 4011}`,
});
