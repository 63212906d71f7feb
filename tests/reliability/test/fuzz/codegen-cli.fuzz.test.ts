// Suite 1 (codegen CLI): malformed definition YAML and OpenAPI files. Every run exits 2 with a message
// naming the file, and the output directory is left exactly as it was (no partial output).
import { createHash } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "@toolwright/codegen";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFigures } from "../support/figures.js";
import { FUZZ_SEED, fuzzRuns, fuzzSuiteName, fuzzTimeout } from "../support/fuzz-settings.js";
import { hasStackTrace } from "../support/json-rpc-reply.js";

const DEMO_API = fileURLToPath(new URL("../../../../apps/demo-api/", import.meta.url));
const WORKFLOWS_YAML = readFileSync(join(DEMO_API, "mcp", "workflows.yaml"), "utf8");
const SPEC_TEXT = readFileSync(join(DEMO_API, "openapi.json"), "utf8");

/** Definitely malformed definition files: each must be refused. */
const BAD_YAML: Record<string, string | Buffer> = {
  "unclosed flow sequence": "category: X\ntools: [\n",
  "tab indentation": "category: X\ntools:\n\tworkflows-list:\n\t\toperation: workflows_list\n",
  "tools is a string": "category: Workflows\ntools: everything\n",
  "unknown root key": `${WORKFLOWS_YAML}\nsurprise: true\n`,
  "unknown tool key": WORKFLOWS_YAML.replace("    list: true\n", "    list: true\n    lsit: true\n"),
  "scopes is a number": WORKFLOWS_YAML.replace("scopes: [hog_flow:read]", "scopes: 42"),
  "invalid scope": WORKFLOWS_YAML.replace("scopes: [hog_flow:read]", "scopes: [hog_flow:admin]"),
  "unknown guard type": WORKFLOWS_YAML.replace("type: reject_fields", "type: trust_me"),
  "operation not in spec": WORKFLOWS_YAML.replace(
    "operation: workflows_list",
    "operation: workflows_teleport",
  ),
  "duplicate key": "category: X\ncategory: Y\ntools: {}\n",
  "invalid UTF-8": Buffer.concat([
    Buffer.from("category: "),
    Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
    Buffer.from("\ntools: {}\n"),
  ]),
  "binary garbage": Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37) % 256)),
  // Alias failures surface from yaml's toJS(); see regressions/definition-yaml-aliases.test.ts.
  "unresolved alias": WORKFLOWS_YAML.replace("guards: *batch_run_guards", "guards: *no_such_anchor"),
  "alias bomb": [
    "a: &a [x, x, x, x, x, x, x, x, x, x]",
    ...Array.from(
      { length: 8 },
      (_, index) =>
        `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + index)}`)
          .join(", ")}]`,
    ),
    "tools: {}",
  ].join("\n"),
  "__proto__ tool":
    "category: X\ntools:\n  __proto__:\n    operation: workflows_list\n    title: T\n    description: D\n    scopes: [hog_flow:read]\n",
  "tool name too long": WORKFLOWS_YAML.replace("  workflows-list:", `  ${"w".repeat(80)}:`),
  "deeply nested": `category: X\ntools: ${"[".repeat(5_000)}${"]".repeat(5_000)}\n`,
};

/** Definitely malformed OpenAPI documents. */
const BAD_SPECS: Record<string, string | Buffer> = {
  "not JSON": "{ this is not json",
  "a JSON array": "[1, 2, 3]",
  "a dangling $ref in a used request body": SPEC_TEXT.replace(
    '"#/components/schemas/WorkflowCreate"',
    '"#/components/schemas/NoSuchSchema"',
  ),
  "invalid UTF-8": Buffer.concat([
    Buffer.from('{"openapi":"3.1.0","info":{"title":"'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('"}}'),
  ]),
  empty: "",
  truncated: SPEC_TEXT.slice(0, Math.floor(SPEC_TEXT.length / 2)),
};

function directoryFingerprint(directory: string): string {
  const hash = createHash("sha256");
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      hash.update(relative(directory, path));
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(readFileSync(path));
    }
  };
  walk(directory);
  return hash.digest("hex");
}

describe("fuzz: codegen CLI over malformed YAML and OpenAPI", () => {
  let workspace: string;
  let generated: string;
  let runs = 0;

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), "toolwright-codegen-fuzz-"));
    mkdirSync(join(workspace, "mcp"));
    copyFileSync(join(DEMO_API, "openapi.json"), join(workspace, "openapi.json"));
    writeFileSync(join(workspace, "mcp", "workflows.yaml"), WORKFLOWS_YAML);
    const first = await generate();
    expect(first.code, first.stderr).toBe(0);
    generated = directoryFingerprint(workspace);
  });
  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true });
    recordFigures(fuzzSuiteName("fuzz-codegen"), { runs });
  });

  async function generate(): Promise<{ code: number; stderr: string; stdout: string }> {
    runs += 1;
    let stdout = "";
    let stderr = "";
    const code = await runCli(
      ["generate", "--spec", "openapi.json", "--definitions", "mcp/*.yaml", "--out", "generated"],
      {
        cwd: workspace,
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
        stderrIsTty: false,
      },
    );
    return { code, stderr, stdout };
  }

  /** Writes a file, runs generate, restores the file; returns the run. */
  async function generateWith(path: string, content: string | Buffer, original: string) {
    writeFileSync(join(workspace, path), content);
    try {
      return await generate();
    } finally {
      writeFileSync(join(workspace, path), original);
    }
  }

  function expectRefused(run: { code: number; stderr: string }, fileName: string, label: string): void {
    expect(run.code, `${label}: ${run.stderr}`).toBe(1);
    expect(run.stderr, label).toContain(fileName);
    expect(hasStackTrace(run.stderr), `${label}: ${run.stderr}`).toBe(false);
    expect(directoryFingerprint(workspace), `${label} changed the workspace`).toBe(generated);
  }

  it.each(Object.entries(BAD_YAML))("refuses a definition file with %s", async (label, content) => {
    expectRefused(await generateWith("mcp/workflows.yaml", content, WORKFLOWS_YAML), "workflows.yaml", label);
  });

  it.each(Object.entries(BAD_SPECS))("refuses an OpenAPI document that is %s", async (label, content) => {
    expectRefused(await generateWith("openapi.json", content, SPEC_TEXT), "openapi.json", label);
  });

  it(
    "answers random damage to a definition file with success or a clean refusal",
    async () => {
      const damage = fc.tuple(
        fc.nat({ max: WORKFLOWS_YAML.length }),
        fc.nat({ max: 40 }),
        fc.string({ unit: "binary", maxLength: 12 }),
      );
      await fc.assert(
        fc.asyncProperty(damage, async ([at, cut, insert]) => {
          const damaged = WORKFLOWS_YAML.slice(0, at) + insert + WORKFLOWS_YAML.slice(at + cut);
          const run = await generateWith("mcp/workflows.yaml", damaged, WORKFLOWS_YAML);
          if (run.code === 0) {
            // Still valid: regenerate from the pristine file so the next case compares against it.
            const restored = await generate();
            expect(restored.code).toBe(0);
            generated = directoryFingerprint(workspace);
            return;
          }
          expectRefused(run, "workflows.yaml", `damage at ${at}`);
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(40) },
      );
    },
    fuzzTimeout(60_000),
  );
});
