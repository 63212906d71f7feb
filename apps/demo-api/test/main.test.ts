import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const MAIN = new URL("../src/main.ts", import.meta.url).pathname;
// `node --import tsx` runs main.ts in the spawned process itself. Through tsx's CLI, a parent process
// relays the signal and, when the child has not acknowledged it within 30 ms (a busy machine), kills
// it and exits 130: the exit code then says nothing about main.ts.
const NODE_WITH_TSX = ["--conditions=@toolwright/source", "--import", "tsx"];

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Runs `src/main.ts` like `pnpm start` does and waits for the URL it prints. */
function startMain(dbPath: string): Promise<Started> {
  const child = spawn(process.execPath, [...NODE_WITH_TSX, MAIN], {
    env: { ...process.env, DEMO_API_PORT: "0", DEMO_API_DB: dbPath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk) => {
    text += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    text += String(chunk);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main.ts printed no URL:\n${text}`)), 30_000);
    child.stdout?.on("data", () => {
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (url && text.includes("tw_demo_reader")) {
        clearTimeout(timer);
        resolve({ child, output: () => text, url });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`main.ts exited with ${code}:\n${text}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("main.ts (the start command)", () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "prints the URL and demo keys, serves, and exits 0 on %s",
    async (signal) => {
      const folder = mkdtempSync(join(tmpdir(), "demo-api-main-"));
      folders.push(folder);
      const started = await startMain(join(folder, "demo.db"));
      expect(started.output()).toContain("tw_demo_admin");
      expect(started.output()).toContain(join(folder, "demo.db"));
      const answer = await fetch(`${started.url}/api/keys/@current`, {
        headers: { authorization: "Bearer tw_demo_admin" },
      });
      expect(answer.status).toBe(200);
      const exited = exitOf(started.child);
      started.child.kill(signal);
      expect(await exited).toBe(0);
      await expect(fetch(`${started.url}/openapi.json`)).rejects.toThrow();
    },
  );
});
