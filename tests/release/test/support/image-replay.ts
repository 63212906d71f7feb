// Replays a Dockerfile without Docker, for the slow image suites (production-start, serve-image): the build
// stage's RUN lines in a copy of the build context, then the runtime stage's ENV, WORKDIR and CMD as a process.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import { type DockerStage, dockerIgnoreMatcher, parseDockerfile } from "./dockerfile.js";
import { repoRoot } from "./repo.js";
import { describeResult, runCommand } from "./run.js";

/** A Dockerfile's stage named `build` and its last (runtime) stage. */
export function imageStages(dockerfile: string): { build: DockerStage; runtime: DockerStage } {
  const stages = parseDockerfile(dockerfile);
  return {
    build: stages.find((stage) => stage.name === "build") as DockerStage,
    runtime: stages.at(-1) as DockerStage,
  };
}

/**
 * A fresh temp workspace (prefix `prefix`) with the build context copied to `repo/` and the build stage run in
 * it; the image's /app, /packs, /catalog and /data are the workspace's folders of those names.
 */
export async function replayBuildStage(build: DockerStage, prefix: string): Promise<string> {
  const workspace = mkdtempSync(join(tmpdir(), prefix));
  const context = join(workspace, "repo");
  copyBuildContext(context);
  await runBuildStage(build, context, containerPaths(workspace));
  return workspace;
}

/** Copies the repository as `docker build .` would see it (the root .dockerignore applied). */
function copyBuildContext(destination: string): void {
  const ignored = dockerIgnoreMatcher(".dockerignore");
  cpSync(repoRoot, destination, {
    recursive: true,
    filter: (source) => {
      const path = relative(repoRoot, source).split(sep).join("/");
      return path === "" || !ignored(path);
    },
  });
}

/** Maps the image's /app, /packs, /catalog and /data (in a command or a value) to folders of `workspace`. */
export function containerPaths(workspace: string): (text: string) => string {
  return (text) =>
    text.replace(
      /(^|[\s"'])\/(app|packs|catalog|data)(?=[/\s"']|$)/g,
      (_match, before, name) => `${before}${join(workspace, name)}`,
    );
}

/**
 * Runs the build stage's RUN lines in the copied context, each asserted to exit 0. corepack lines are skipped:
 * the image activates the pinned pnpm that way, and this machine runs the tests with that pnpm already.
 */
async function runBuildStage(build: DockerStage, context: string, local: (text: string) => string) {
  for (const command of build.run) {
    if (command.startsWith("npm install -g pnpm") || command.startsWith("corepack ")) continue;
    const result = await runCommand("sh", ["-c", local(command)], {
      cwd: context,
      env: { ...process.env, ...build.env, npm_config_prefer_offline: "true" },
      timeoutMs: 280_000,
    });
    expect(result.code, describeResult(`RUN ${local(command)}`, result)).toBe(0);
  }
}

/** The runtime stage's CMD running as the container would, and what it has printed so far. */
export interface ImageProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The MCP endpoint the server printed it listens on. */
  mcpUrl: string;
}

/**
 * Starts the runtime stage's CMD in its WORKDIR with its ENV (container paths mapped by `local`, then `env` on
 * top), and waits until the server prints its MCP URL (the first group of `listening`) on stdout or stderr.
 */
export async function startRuntimeStage(
  runtime: DockerStage,
  local: (text: string) => string,
  env: NodeJS.ProcessEnv,
  listening: RegExp,
): Promise<ImageProcess> {
  const environment = Object.fromEntries(
    Object.entries(runtime.env).map(([key, value]) => [key, local(value)]),
  );
  const [command = "", ...args] = runtime.cmd ?? [];
  const child = spawn(command === "node" ? process.execPath : command, args, {
    cwd: local(runtime.workdir ?? "/app"),
    env: { PATH: process.env.PATH, ...environment, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const match = listening.exec(stdout) ?? listening.exec(stderr);
    if (match?.[1]) return { child, stdout: () => stdout, stderr: () => stderr, mcpUrl: match[1] };
    await sleep(100);
  }
  throw new Error(`the image's server did not start:\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
}

/** Kills the process if it is still running (a test that stops it itself leaves nothing to do). */
export async function killIfRunning(child: ChildProcess | undefined): Promise<void> {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
}

/** Runs the Dockerfile's HEALTHCHECK command against the server's port, in the deployed folder. */
export function runHealthcheck(runtime: DockerStage, cwd: string, port: string) {
  const [command = "", ...args] = runtime.healthcheck?.cmd ?? [];
  return runCommand(command === "node" ? process.execPath : command, args, {
    cwd,
    env: { PATH: process.env.PATH, TOOLWRIGHT_PORT: port },
    timeoutMs: 10_000,
  });
}
