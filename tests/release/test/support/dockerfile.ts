import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./repo.js";

/** One `FROM ... AS name` stage of a Dockerfile, with the instructions the release tests replay. */
export interface DockerStage {
  name: string;
  base: string;
  env: Record<string, string>;
  run: string[];
  workdir?: string;
  user?: string;
  cmd?: string[];
  healthcheck?: { options: string; cmd: string[] };
}

function instructions(text: string): { keyword: string; argument: string }[] {
  return text
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword = ""] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), argument: line.slice(keyword.length).trim() };
    });
}

function applyInstruction(stage: DockerStage, keyword: string, argument: string): void {
  if (keyword === "ENV") {
    const [key = "", ...value] = argument.split("=");
    stage.env[key] = value.join("=");
  } else if (keyword === "RUN") stage.run.push(argument);
  else if (keyword === "WORKDIR") stage.workdir = argument;
  else if (keyword === "USER") stage.user = argument;
  else if (keyword === "CMD") stage.cmd = JSON.parse(argument) as string[];
  else if (keyword === "HEALTHCHECK") {
    const [options = "", cmd = "[]"] = argument.split(/\s+CMD\s+/);
    stage.healthcheck = { options, cmd: JSON.parse(cmd) as string[] };
  }
}

/** Parses a Dockerfile (only the instructions this repo's Dockerfiles use; ENV in `KEY=value` form). */
export function parseDockerfile(path: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const { keyword, argument } of instructions(readFileSync(join(repoRoot, path), "utf8"))) {
    if (keyword === "FROM") {
      const [base = "", , name = ""] = argument.split(/\s+/);
      stages.push({ name, base, env: {}, run: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage) applyInstruction(stage, keyword, argument);
  }
  return stages;
}

/** Turns a .dockerignore into a predicate over repo-relative POSIX paths (the `**`, `*` subset used here). */
export function dockerIgnoreMatcher(path: string): (relativePath: string) => boolean {
  const patterns = readFileSync(join(repoRoot, path), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((pattern) => {
      // `**/` matches any number of leading folders; any other `*` stays within one path segment.
      const source = pattern
        .split("**/")
        .map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*"))
        .join("(?:.*/)?");
      return new RegExp(`^${source}$`);
    });
  return (relativePath) => patterns.some((pattern) => pattern.test(relativePath));
}
