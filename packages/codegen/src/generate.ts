import { relative } from "node:path";
import { definitionIssuesError, isToolwrightError } from "@toolwright/core";
import { codegenError } from "./codegen-error.js";
import type { CodegenOptions } from "./config/codegen-config.js";
import { type DefinitionSource, loadDefinitions, toPosix } from "./definitions/load-definitions.js";
import { type OutputContent, renderLazyOutputs } from "./output/render-outputs.js";
import { SnapshotStaging } from "./output/snapshot-staging.js";
import {
  type StaleOutput,
  stagingSuffix,
  staleOutputs,
  type WriteReport,
  writeOutputs,
} from "./output/write-outputs.js";
import { describeDanglingRefs, findDanglingRefs } from "./spec/dangling-refs.js";
import { type LoadedSpec, loadSpec } from "./spec/load-spec.js";
import { type BuiltCatalog, buildCatalog, type OrphanedTool } from "./tools/build-catalog.js";

/** Everything a run computed in memory: inputs, catalog and the output files. */
export interface CodegenRun {
  options: CodegenOptions;
  spec: LoadedSpec;
  definitions: DefinitionSource[];
  built: BuiltCatalog;
  /** Each output's text, rendered when it is written or compared (see `OutputContent`). */
  files: Map<string, OutputContent>;
}

/** Hooks a caller can pass, e.g. the CLI's progress line. */
export interface RunHooks {
  onProgress?: (done: number, total: number) => void;
  /** Called once the definition files are loaded, before the spec is resolved against them. */
  onDefinitions?: (definitions: readonly DefinitionSource[]) => void;
}

/** Inputs a caller already holds, used instead of reading them again. */
export interface RunInputs {
  /** The spec at `options.spec`, already loaded (e.g. by `scaffold --generate`). */
  spec?: LoadedSpec;
}

/** Loads the spec and definitions and renders every output in memory; nothing is written. */
export async function prepareRun(
  options: CodegenOptions,
  hooks: RunHooks = {},
  inputs: RunInputs = {},
): Promise<CodegenRun> {
  const [spec, definitions] = await Promise.all([
    inputs.spec ?? loadSpec(options.spec),
    loadDefinitions(options.definitions, options.baseDir).then((loaded) => {
      hooks.onDefinitions?.(loaded);
      return loaded;
    }),
  ]);
  const built = await inSpec(relativeTo(options, options.spec), spec, () =>
    buildCatalog({
      spec,
      definitions,
      upstream: options.upstream,
      ...(options.contextParams ? { contextParams: options.contextParams } : {}),
      ...(options.warningsAsErrors ? { warningsAsErrors: true } : {}),
      ...(options.outputSchemas ? { outputSchemas: true } : {}),
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    }),
  );
  const header = {
    inputs: [options.spec, ...definitions.map((source) => source.absolutePath)].map((file) =>
      relativeTo(options, file),
    ),
    command: regenerateCommand(options),
  };
  return {
    options,
    spec,
    definitions,
    built,
    files: renderLazyOutputs(built, header, { zodSchemas: options.zodSchemas === true }),
  };
}

/** The result of `generate`: what was written and the orphaned disabled tools (warnings). */
export interface GenerateResult extends WriteReport {
  run: CodegenRun;
  warnings: OrphanedTool[];
}

/**
 * Generates every output and writes it atomically. An enabled tool whose operation the spec does
 * not have is an error (nothing is written); a disabled one is returned as a warning.
 */
export async function generate(
  options: CodegenOptions,
  hooks: RunHooks = {},
  inputs: RunInputs = {},
): Promise<GenerateResult> {
  let staging: SnapshotStaging | null = null;
  try {
    // Snapshot files of a new output are created while the catalog is built (see SnapshotStaging).
    const onDefinitions = (definitions: readonly DefinitionSource[]) => {
      hooks.onDefinitions?.(definitions);
      staging = SnapshotStaging.start(options.out, enabledToolNames(definitions), stagingSuffix());
    };
    const run = await prepareRun(options, { ...hooks, onDefinitions }, inputs);
    const enabledOrphans = run.built.orphans.filter((orphan) => orphan.enabled);
    if (enabledOrphans.length > 0) throw definitionIssuesError(enabledOrphans.map(orphanIssue));
    const report = await writeOutputs(options.out, run.files, staging);
    staging = null;
    return { ...report, run, warnings: run.built.orphans.filter((orphan) => !orphan.enabled) };
  } finally {
    await (staging as SnapshotStaging | null)?.discard();
  }
}

/** The enabled tools of every definition file: each one gets a snapshot, or the run fails. */
function enabledToolNames(definitions: readonly DefinitionSource[]): string[] {
  return definitions.flatMap((source) =>
    Object.entries(source.definition.tools)
      .filter(([, tool]) => tool.enabled)
      .map(([name]) => name),
  );
}

/** The result of `check`: every stale output file and every orphaned tool; empty lists mean up to date. */
export interface CheckResult {
  stale: StaleOutput[];
  orphans: OrphanedTool[];
}

/** Compares the outputs on disk with a fresh in-memory generation, and lists orphaned operations. */
export async function check(options: CodegenOptions, hooks: RunHooks = {}): Promise<CheckResult> {
  const run = await prepareRun(options, hooks);
  return { stale: await staleOutputs(options.out, run.files), orphans: run.built.orphans };
}

/** Spec problems found while building (e.g. a dangling `$ref`) are reported against the spec file. */
async function inSpec<T>(specFile: string, spec: LoadedSpec, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (isToolwrightError(error) && error.code === "invalid_spec" && !error.location.file) {
      // The build stops at the first dangling reference; the report lists every one, with where it is used.
      const dangling = error.message.startsWith("dangling reference") ? findDanglingRefs(spec.document) : [];
      const message = dangling.length > 0 ? describeDanglingRefs(dangling) : error.message;
      throw codegenError("invalid_spec", message, {
        ...error.location,
        file: specFile,
        cause: error,
      });
    }
    throw error;
  }
}

/** `file:line: tool 'x': operation 'y' is not in the spec`, the one way an orphan is described. */
export function describeOrphan(orphan: OrphanedTool): string {
  const where = orphan.line ? `${orphan.file}:${orphan.line}` : orphan.file;
  return `${where}: tool '${orphan.tool}': operation '${orphan.operation}' is not in the spec`;
}

function orphanIssue(orphan: OrphanedTool) {
  return {
    file: orphan.file,
    ...(orphan.line ? { line: orphan.line } : {}),
    tool: orphan.tool,
    path: `tools.${orphan.tool}.operation`,
    message: `operation '${orphan.operation}' is not in the spec (removed or renamed?)`,
  };
}

function relativeTo(options: CodegenOptions, file: string): string {
  return toPosix(relative(options.baseDir, file)) || ".";
}

function regenerateCommand(options: CodegenOptions): string {
  if (options.configFile) return `toolwright generate --config ${relativeTo(options, options.configFile)}`;
  const definitions = options.definitions.map(
    (pattern) => `--definitions '${toPosix(relative(options.baseDir, pattern))}'`,
  );
  return [
    "toolwright generate",
    `--spec ${relativeTo(options, options.spec)}`,
    ...definitions,
    `--out ${relativeTo(options, options.out)}`,
  ].join(" ");
}
