import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const MAIN = new URL("../../../../apps/mcp-server/src/main.ts", import.meta.url).pathname;

/** The demo MCP server in its own process (as `pnpm start` runs it), so its memory can be measured alone. */
export interface McpServerProcess {
  url: string;
  pid: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves once stderr matches `pattern` `count` times, or after `withinMs` (the caller asserts). */
  stderrMatches(pattern: RegExp, count: number, withinMs: number): Promise<number>;
  /** Resident set size now, and its peak since start (VmRSS, VmHWM), in MiB. */
  memory(): { rssMiB: number; peakMiB: number };
  stop(): Promise<number | null>;
}

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * Starts `apps/mcp-server/src/main.ts` under `node --import tsx` (the process itself runs the server,
 * no relay) with the given environment, and resolves once it printed its URL.
 */
export async function startMcpServerProcess(environment: Record<string, string>): Promise<McpServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=@toolwright/source", "--import", "tsx", MAIN],
    {
      env: { PATH: process.env.PATH, TOOLWRIGHT_PORT: "0", TOOLWRIGHT_ANALYTICS: "off", ...environment },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  child.stdout?.on("data", (chunk) => {
    out += String(chunk);
    for (const waiter of waiters) waiter();
  });
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the MCP server printed no URL:\n${out}\n${err}`)),
      60_000,
    );
    const check = () => {
      const found = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(out)?.[1];
      if (found) {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      }
    };
    waiters.add(check);
    void exited.then((code) => reject(new Error(`the MCP server exited with ${code}:\n${out}\n${err}`)));
  });
  const pid = child.pid as number;
  return {
    url,
    pid,
    stderr: () => err,
    stderrMatches(pattern, count, withinMs) {
      const seen = () => err.match(new RegExp(pattern.source, "g"))?.length ?? 0;
      return new Promise((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(seen());
        };
        const check = () => {
          if (seen() >= count) finish();
        };
        const timer = setTimeout(finish, withinMs);
        waiters.add(check);
        check();
      });
    },
    memory: () => ({ rssMiB: statusField(pid, "VmRSS"), peakMiB: statusField(pid, "VmHWM") }),
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
