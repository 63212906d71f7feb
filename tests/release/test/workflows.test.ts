// The CI workflows parse, have the jobs and triggers they promise, and only call scripts that exist.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readManifest, repoRoot, workspacePackages } from "./support/repo.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on": string;
  "timeout-minutes"?: number;
  if?: string;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** A GitHub Actions expression as written in a workflow, e.g. `${{ secrets.NPM_TOKEN }}`. */
function githubExpression(inner: string): string {
  return `\${{ ${inner} }}`;
}

const workflowsDir = join(repoRoot, ".github/workflows");

function readWorkflow(file: string): Workflow {
  return parse(readFileSync(join(workflowsDir, file), "utf8"), {
    strict: true,
    uniqueKeys: true,
  }) as Workflow;
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

function runs(workflow: Workflow): string {
  return steps(workflow)
    .map((step) => step.run ?? "")
    .join("\n");
}

const rootScripts = readManifest(".").scripts ?? {};
const packageScripts = new Map(
  ["packages", "apps", "tooling", "tests"]
    .flatMap((group) => workspacePackages(group))
    .map((entry) => [entry.manifest.name, entry.manifest.scripts ?? {}] as const),
);

/** Every `pnpm <script>` and `pnpm --filter <package> <script>` a run line calls, with where it must exist. */
function pnpmScriptCalls(text: string): { owner: string; script: string }[] {
  const calls: { owner: string; script: string }[] = [];
  for (const match of text.matchAll(/pnpm\s+--filter\s+(\S+)\s+([\w:.-]+)/g)) {
    calls.push({ owner: match[1] ?? "", script: match[2] ?? "" });
  }
  for (const match of text.matchAll(/pnpm\s+(?!--|install\b|exec\b|dlx\b|add\b)([\w:.-]+)/g)) {
    calls.push({ owner: "root", script: match[1] ?? "" });
  }
  return calls;
}

const files = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

it("has the four workflows", () => {
  expect(files.sort()).toEqual(["check.yml", "release.yml", "snapshots.yml", "test.yml"]);
});

describe.each(files)("%s", (file) => {
  const workflow = readWorkflow(file);

  it("parses with a name, triggers and jobs that each run steps on a runner with a timeout", () => {
    expect(workflow.name).toBeTruthy();
    expect(Object.keys(workflow.on).length).toBeGreaterThan(0);
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job["runs-on"], id).toBe("ubuntu-latest");
      expect(job["timeout-minutes"], id).toBeGreaterThan(0);
      expect(job.steps.length, id).toBeGreaterThan(0);
      for (const step of job.steps)
        expect(Boolean(step.run) !== Boolean(step.uses), JSON.stringify(step)).toBe(true);
    }
  });

  it("installs Node 20 and pnpm 10 the way the README says", () => {
    const nodeSteps = steps(workflow).filter((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(nodeSteps.length).toBeGreaterThan(0);
    for (const step of nodeSteps) expect(step.with?.["node-version"]).toBe(20);
    expect(runs(workflow)).toContain("npm install -g pnpm@10");
  });

  it("calls only scripts that exist", () => {
    for (const { owner, script } of pnpmScriptCalls(runs(workflow) + JSON.stringify(steps(workflow)))) {
      const scripts = owner === "root" ? rootScripts : packageScripts.get(owner);
      expect(scripts, `${file}: unknown package ${owner}`).toBeDefined();
      expect(Object.keys(scripts ?? {}), `${file}: ${owner} has no script ${script}`).toContain(script);
    }
  });

  it("never interpolates event data straight into a shell script", () => {
    for (const step of steps(workflow)) {
      expect(step.run ?? "", "pass event data and inputs through env instead").not.toMatch(
        /\$\{\{\s*(github\.event|inputs)\./,
      );
    }
  });
});

describe("test.yml", () => {
  const workflow = readWorkflow("test.yml");
  it("runs the README's test command on pushes to main and pull requests, and the release suites", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    expect(runs(workflow)).toContain("pnpm install && pnpm test\n");
    expect(runs(workflow)).toContain("pnpm test:release");
    expect(readFileSync(join(repoRoot, "README.md"), "utf8")).toContain("pnpm install && pnpm test");
  });
});

describe("check.yml", () => {
  const workflow = readWorkflow("check.yml");
  it("runs toolwright check, lint and typecheck, and the changeset check on pull requests with full history", () => {
    const all = runs(workflow);
    expect(all).toContain("pnpm --filter @toolwright/mcp-server check");
    expect(packageScripts.get("@toolwright/mcp-server")?.check).toContain("toolwright check");
    expect(all).toContain("pnpm lint");
    expect(all).toContain("pnpm typecheck");
    const changesetStep = steps(workflow).find((step) => step.run?.includes("pnpm changeset:check"));
    expect(changesetStep?.if).toBe("github.event_name == 'pull_request'");
    const checkout = steps(workflow).find((step) => step.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
  });
});

describe("snapshots.yml", () => {
  const workflow = readWorkflow("snapshots.yml");
  it("runs by hand or on a PR label, regenerates, and pushes only when the branch head did not move", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "workflow_dispatch"]);
    expect(workflow.on.pull_request).toEqual({ types: ["labeled"] });
    expect(workflow.permissions?.contents).toBe("write");
    const all = runs(workflow);
    expect(all).toContain("pnpm --filter @toolwright/mcp-server generate");
    expect(all).toMatch(/git ls-remote origin "refs\/heads\/\$BRANCH"/);
    expect(all).toMatch(/if \[ "\$head_now" != "\$STARTED_AT" \]/);
    expect(all).toContain("Snapshot update skipped");
    const checkout = steps(workflow).find((step) => step.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.ref).toBe(githubExpression("steps.pr.outputs.sha"));
  });
});

describe("release.yml", () => {
  const workflow = readWorkflow("release.yml");
  it("uses the changesets action to open the version PR or publish with NPM_TOKEN", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] } });
    const action = steps(workflow).find((step) => step.uses?.startsWith("changesets/action@"));
    expect(action?.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm release" });
    expect(action?.env?.NPM_TOKEN).toBe(githubExpression("secrets.NPM_TOKEN"));
    expect(rootScripts["version-packages"]).toContain("changeset version");
    expect(rootScripts.release).toContain("changeset publish");
  });
});
