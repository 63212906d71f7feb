import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const STDIO_ENTRY = fileURLToPath(new URL("../../../../apps/mcp-server/src/stdio.ts", import.meta.url));

/** The demo MCP server as a child process over stdio, fed raw lines; every stdout line is kept. */
export interface StdioServer {
  /** Every line the server wrote to stdout, in order. */
  readonly lines: string[];
  /** Everything the server wrote to stderr. */
  stderr(): string;
  /** Writes raw bytes (a newline is not added). */
  write(bytes: string | Buffer): void;
  /** Resolves with the first stdout message whose id equals `id`, or rejects after `timeoutMs`. */
  waitForId(id: string | number, timeoutMs?: number): Promise<Record<string, unknown>>;
  readonly exitCode: number | null;
  stop(): Promise<void>;
}

/** Spawns `apps/mcp-server/src/stdio.ts` through tsx with the source condition. */
export function startStdioServer(environment: Record<string, string>): StdioServer {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [tsx, "--conditions=@toolwright/source", STDIO_ENTRY],
    {
      env: { ...process.env, TOOLWRIGHT_ANALYTICS: "off", ...environment },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  let pending = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    lines.push(...parts.filter((line) => line.length > 0));
    for (const wake of waiters) wake();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  child.stdin.on("error", () => {});
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  function find(id: string | number): Record<string, unknown> | undefined {
    for (const line of lines) {
      try {
        const message = JSON.parse(line) as Record<string, unknown>;
        if (message.id === id) return message;
      } catch {
        // Not JSON: reported by the caller's own check of every line.
      }
    }
    return undefined;
  }

  return {
    lines,
    stderr: () => stderr,
    write: (bytes) => void child.stdin.write(bytes),
    get exitCode() {
      return child.exitCode;
    },
    waitForId(id, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find(id);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          } else if (child.exitCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(
              new Error(
                `the stdio server exited (${child.exitCode}) before answering ${id}: ${stderr.slice(-500)}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no answer to id ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) {
        child.stdin.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
