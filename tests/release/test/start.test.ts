// Slow (pnpm test:release): `pnpm start` as a person runs it, on free ports, and Ctrl-C as a terminal sends
// it: SIGINT to the whole foreground process group (pnpm, the script and both servers). Everything must stop
// with exit code 0 and without pnpm's "ELIFECYCLE Command failed".
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "./support/repo.js";

const folder = mkdtempSync(join(tmpdir(), "toolwright-start-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

it("pnpm start prints the banner, and Ctrl-C stops everything with exit 0", async () => {
  const [apiPort, mcpPort] = [await freePort(), await freePort()];
  const child = spawn("pnpm", ["start"], {
    cwd: repoRoot,
    // Its own process group, as a terminal's foreground job is.
    detached: true,
    env: {
      ...process.env,
      DEMO_API_PORT: String(apiPort),
      DEMO_API_DB: join(folder, "demo.db"),
      TOOLWRIGHT_PORT: String(mcpPort),
      TOOLWRIGHT_UPSTREAM: `http://127.0.0.1:${apiPort}`,
      TOOLWRIGHT_EVENTS_FILE: join(folder, "events.jsonl"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const deadline = Date.now() + 90_000;
  while (!output.includes("Press Ctrl-C to stop.") && Date.now() < deadline && child.exitCode === null)
    await sleep(100);
  expect(output).toContain(`http://127.0.0.1:${mcpPort}/mcp`);
  expect(output).toContain(`Usage events go to ${join(folder, "events.jsonl")}`);
  process.kill(-(child.pid as number), "SIGINT");
  const [code, signal] = await exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(output).not.toContain("ELIFECYCLE");
}, 120_000);
