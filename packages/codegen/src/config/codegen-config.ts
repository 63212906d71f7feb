import { access } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { CONFIG_FILE_NAMES, ToolwrightConfigSchema } from "@toolwright/core";
import { loadConfigModule } from "@toolwright/core/internal";
import type * as z from "zod";
import { codegenError } from "../codegen-error.js";

/**
 * A toolwright config file (`toolwright.config.ts`, `.mts`, `.mjs`, `.js` or `.json`): where the spec,
 * the definitions and the output are (paths relative to the file), and the `serve` section.
 */
export const CodegenConfigFileSchema = ToolwrightConfigSchema;
export type CodegenConfigFile = z.infer<typeof CodegenConfigFileSchema>;

/** The JSON config file's name; the `.ts`/`.mts`/`.mjs`/`.js` ones are looked up first. */
export const DEFAULT_CONFIG_FILE = "toolwright.config.json";

/** Resolved inputs of a run: absolute paths, flags applied over the config file. */
export interface CodegenOptions
  extends Pick<CodegenConfigFile, "contextParams" | "warningsAsErrors" | "outputSchemas" | "zodSchemas"> {
  /** Directory that relative paths in messages and outputs are relative to. */
  baseDir: string;
  /** The config file used, if any (absolute). */
  configFile: string | null;
  spec: CodegenConfigFile["spec"];
  /** Glob patterns, relative to `baseDir`. */
  definitions: CodegenConfigFile["definitions"];
  out: CodegenConfigFile["out"];
  upstream: string | null;
}

/** The config keys the command line can set. */
type FlagKey = "spec" | "definitions" | "out" | "upstream" | "warningsAsErrors" | "zodSchemas";

/** Values given on the command line (`config` names the file); each overrides the config file's. */
export type CodegenFlags = { config?: string | undefined } & {
  [Key in FlagKey]?: CodegenConfigFile[Key] | undefined;
};

/** Reads and validates a config file; problems name the file and the key. */
export async function readConfigFile(file: string): Promise<CodegenConfigFile> {
  const data = await loadConfigModule(file);
  const parsed = CodegenConfigFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".")];
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    return keys.map((key) => `  ${file}: key '${key || "(root)"}': ${message}`).join("\n");
  });
  throw codegenError("invalid_config", `invalid config file:\n${lines.join("\n")}`, { file });
}

/**
 * Merges the config file (when given, or when `toolwright.config.json` exists in `cwd`) with flags.
 * Config paths are relative to the config file; flag paths to `cwd`.
 */
export async function resolveOptions(
  flags: CodegenFlags,
  cwd: string,
  useDefaultConfig = true,
): Promise<CodegenOptions> {
  const configFile = flags.config
    ? resolve(cwd, flags.config)
    : useDefaultConfig
      ? await findConfigFile(cwd)
      : null;
  const config = configFile ? await readConfigFile(configFile) : null;
  const baseDir = configFile ? dirname(configFile) : cwd;
  const spec = flags.spec ? resolve(cwd, flags.spec) : config ? resolve(baseDir, config.spec) : null;
  const out = flags.out ? resolve(cwd, flags.out) : config ? resolve(baseDir, config.out) : null;
  const definitions = flags.definitions?.length
    ? flags.definitions.map((pattern) => resolve(cwd, pattern))
    : (config?.definitions ?? []);
  if (!spec || !out || definitions.length === 0) {
    const missing = [!spec && "--spec", definitions.length === 0 && "--definitions", !out && "--out"].filter(
      Boolean,
    );
    throw codegenError(
      "invalid_config",
      `missing ${missing.join(", ")}: pass them as flags or write a toolwright.config.ts (or .json)`,
      // The command line is incomplete: the CLI reports it as a usage error (exit 2).
      { details: { usage: true } },
    );
  }
  return {
    baseDir,
    configFile,
    spec,
    definitions,
    out,
    upstream: flags.upstream ?? config?.upstream ?? null,
    ...(config?.contextParams ? { contextParams: config.contextParams } : {}),
    ...((flags.warningsAsErrors ?? config?.warningsAsErrors) ? { warningsAsErrors: true } : {}),
    ...(config?.outputSchemas === undefined ? {} : { outputSchemas: config.outputSchemas }),
    ...((flags.zodSchemas ?? config?.zodSchemas) ? { zodSchemas: true } : {}),
  };
}

/** The first of `toolwright.config.{ts,mts,mjs,js,json}` in the folder, or null. */
async function findConfigFile(cwd: string): Promise<string | null> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(cwd, name);
    if (await exists(file)) return file;
  }
  return null;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
