import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { waitForPort } from "@toolwright/test-services/nginx";
import { TEST_CONFIRM_SECRET } from "./demo-mcp-server.js";

const APPS = fileURLToPath(new URL("../../../apps/", import.meta.url));

/** One of the demo apps as its own process (as deployed), on a fixed port so it can be killed and started again. */
export interface AppProcess {
  port: number;
  /** Starts it (again) and waits until it listens. */
  start(): Promise<void>;
  /** SIGKILL: a crash, with whatever was in flight. */
  kill(): Promise<void>;
  /** SIGTERM, waiting for it to exit. */
  stop(): Promise<void>;
  output(): string;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * `node --import tsx` on an app's `src/main.ts`, in the app's folder: the app runs in this very
 * process, so a signal reaches it directly (a tsx relay would leave the app running after SIGKILL).
 */
export function appProcess(
  app: "mcp-server" | "demo-api",
  port: number,
  environment: Record<string, string>,
): AppProcess {
  const cwd = `${APPS}${app}`;
  let child: ChildProcess | null = null;
  let output = "";
  return {
    port,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      const started = spawn(
        process.execPath,
        ["--conditions=@toolwright/source", "--import", "tsx", "src/main.ts"],
        {
          cwd,
          env: { ...process.env, ...environment },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      child = started;
      const keep = (chunk: Buffer) => {
        output = `${output}${chunk.toString()}`.slice(-20_000);
      };
      started.stdout?.on("data", keep);
      started.stderr?.on("data", keep);
      await waitForPort(port, 60_000, () => started.exitCode !== null).catch((error: unknown) => {
        throw new Error(`${app} on ${port} did not start: ${String(error)}\n${output}`);
      });
    },
    async kill() {
      if (!child) return;
      const done = exited(child);
      child.kill("SIGKILL");
      await done;
    },
    async stop() {
      if (!child) return;
      const done = exited(child);
      child.kill("SIGTERM");
      await done;
    },
    output: () => output,
  };
}

/** A demo MCP server replica in front of `upstream` with the tests' confirmation secret, analytics off. */
export function replicaProcess(
  port: number,
  upstream: string,
  environment: Record<string, string> = {},
): AppProcess {
  return appProcess("mcp-server", port, {
    TOOLWRIGHT_PORT: String(port),
    TOOLWRIGHT_UPSTREAM: upstream,
    TOOLWRIGHT_CONFIRM_SECRET: TEST_CONFIRM_SECRET,
    TOOLWRIGHT_ANALYTICS: "off",
    ...environment,
  });
}
