import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ToolwrightError } from "@toolwright/core";
import * as z from "zod";

/** `toolwright.config.json`: where the spec, the definitions and the output are; paths relative to the file. */
export const CodegenConfigFileSchema = z.strictObject({
  $schema: z.string().optional(),
  spec: z.string().min(1),
  definitions: z.array(z.string().min(1)).min(1),
  out: z.string().min(1),
  upstream: z.string().url().optional(),
  /** Advertise an `outputSchema` for tools whose success response is a JSON object (default false). */
  outputSchemas: z.boolean().optional(),
});
export type CodegenConfigFile = z.infer<typeof CodegenConfigFileSchema>;

/** The config file's name, looked up in the working directory when no `--config` is given. */
export const DEFAULT_CONFIG_FILE = "toolwright.config.json";

/** Resolved inputs of a run: absolute paths, flags applied over the config file. */
export interface CodegenOptions {
  /** Directory that relative paths in messages and outputs are relative to. */
  baseDir: string;
  /** The config file used, if any (absolute). */
  configFile: string | null;
  spec: string;
  /** Glob patterns, relative to `baseDir`. */
  definitions: string[];
  out: string;
  upstream: string | null;
  /** From the config file's `outputSchemas`; default false. */
  outputSchemas?: boolean;
}

/** Values given on the command line; each overrides the config file's. */
export interface CodegenFlags {
  config?: string | undefined;
  spec?: string | undefined;
  definitions?: string[] | undefined;
  out?: string | undefined;
  upstream?: string | undefined;
}

/** Reads and validates a config file; problems name the file and the key. */
export async function readConfigFile(file: string): Promise<CodegenConfigFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ToolwrightError("invalid_config", `cannot read config file ${file}`, { file, cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ToolwrightError("invalid_config", `${file} is not valid JSON: ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  const parsed = CodegenConfigFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".")];
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    return keys.map((key) => `  ${file}: key '${key || "(root)"}': ${message}`).join("\n");
  });
  throw new ToolwrightError("invalid_config", `invalid config file:\n${lines.join("\n")}`, { file });
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
    : useDefaultConfig && (await exists(resolve(cwd, DEFAULT_CONFIG_FILE)))
      ? resolve(cwd, DEFAULT_CONFIG_FILE)
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
    throw new ToolwrightError(
      "invalid_config",
      `missing ${missing.join(", ")}: pass them as flags or write a ${DEFAULT_CONFIG_FILE}`,
    );
  }
  return {
    baseDir,
    configFile,
    spec,
    definitions,
    out,
    upstream: flags.upstream ?? config?.upstream ?? null,
    ...(config?.outputSchemas === undefined ? {} : { outputSchemas: config.outputSchemas }),
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch {
    return false;
  }
}
