export { defineConfig, type ServeConfig, type ToolwrightConfig } from "@toolwright/core";
export { type CliIo, EXIT } from "./cli/cli-io.js";
export { runCli } from "./cli/main.js";
export type { CodegenErrorCode } from "./codegen-error.js";
export {
  type CodegenConfigFile,
  CodegenConfigFileSchema,
  type CodegenFlags,
  type CodegenOptions,
  DEFAULT_CONFIG_FILE,
  readConfigFile,
  resolveOptions,
} from "./config/codegen-config.js";
export { type DefinitionSource, loadDefinitions } from "./definitions/load-definitions.js";
export {
  type CheckResult,
  type CodegenRun,
  check,
  describeOrphan,
  type GenerateResult,
  generate,
  prepareRun,
  type RunHooks,
  type RunInputs,
} from "./generate.js";
export { listedTool, type ToolSize, toolListSize, toolSize } from "./inspect/tool-list-size.js";
export { lintCatalog } from "./lint/lint-catalog.js";
export {
  DEFAULT_LINT_BUDGETS,
  LINT_RULES,
  type LintBudgets,
  type LintFinding,
  type LintRuleId,
} from "./lint/lint-rules.js";
export { formatJson, OUTPUT_FILES, type OutputContent, renderOutputs } from "./output/render-outputs.js";
export { type StaleOutput, staleOutputs, type WriteReport, writeOutputs } from "./output/write-outputs.js";
export { type ScaffoldOptions, type ScaffoldResult, scaffold } from "./scaffold/scaffold.js";
export { uniqueToolName } from "./scaffold/tool-names.js";
export { type LoadedSpec, loadSpec, type OpenApiDocument } from "./spec/load-spec.js";
export { listOperations, type SpecOperation } from "./spec/operations.js";
export { planSync, type SyncOptions, type SyncPlan } from "./sync/sync.js";
export { type BuiltCatalog, buildCatalog, GENERATOR, type OrphanedTool } from "./tools/build-catalog.js";
