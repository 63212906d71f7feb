import { dirname, isAbsolute, resolve } from "node:path";
import { type ServeConfig, ServeConfigSchema, ToolwrightConfigSchema } from "@toolwright/core";
import { loadConfigModule, UsageError } from "@toolwright/core/internal";
import { serverError } from "../server-error.js";
import { SERVE_OPTIONS, type ServeOption } from "./serve-option-table.js";

/** Where each setting came from, for messages that name the flag, variable or file key. */
type Source = { flag?: string; env?: string; file?: string };

/** Flag values as parseArgs returns them (strings and booleans). */
export type RawFlags = Record<string, string | boolean | undefined>;

function split(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function flagsValue(text: string, where: string): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const entry of split(text)) {
    // `-name` is the demo's form of "off" (TOOLWRIGHT_FLAGS=a,-b), accepted here too.
    const [name = "", state = "on"] = entry.startsWith("-") ? [entry.slice(1), "off"] : entry.split("=");
    if (!["on", "off", "true", "false"].includes(state))
      throw new UsageError(`${where}: '${entry}' must be name, name=on or name=off`);
    flags[name.trim()] = state === "on" || state === "true";
  }
  return flags;
}

/** Turns a flag's or variable's text into the config value its row declares. */
function fromText(option: ServeOption, text: string | boolean, where: string): unknown {
  if (typeof text === "boolean") return text;
  if (option.kind === "number") {
    const number = Number(text);
    if (text.trim() === "" || !Number.isInteger(number))
      throw new UsageError(`${where} must be a whole number, not '${text}'`);
    return number;
  }
  if (option.kind === "boolean") {
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off|)$/i.test(text)) return false;
    throw new UsageError(`${where} must be true or false, not '${text}'`);
  }
  if (option.kind === "list") return split(text);
  if (option.kind === "flags") return flagsValue(text, where);
  return text;
}

/** The `serve` section of a config file (paths in it made absolute against the file's folder). */
async function fromFile(file: string): Promise<ServeConfig> {
  const parsed = ToolwrightConfigSchema.partial({ spec: true, definitions: true, out: true }).safeParse(
    await loadConfigModule(file),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
      return `  ${file}: key '${key || "(root)"}': ${issue.code === "unrecognized_keys" ? "unknown key" : issue.message}`;
    });
    throw serverError("invalid_config", `invalid config file:\n${lines.join("\n")}`, { file });
  }
  const serve = { ...parsed.data.serve };
  const base = dirname(file);
  if (serve.catalog && !isAbsolute(serve.catalog)) serve.catalog = resolve(base, serve.catalog);
  if (serve.flagsFile && !isAbsolute(serve.flagsFile)) serve.flagsFile = resolve(base, serve.flagsFile);
  // A scope-map file named in the config file is relative to that file; inline JSON stays as is.
  if (typeof serve.oauthScopeMap === "string" && !serve.oauthScopeMap.trim().startsWith("{"))
    serve.oauthScopeMap = resolve(base, serve.oauthScopeMap);
  if (serve.catalog === undefined && parsed.data.out)
    serve.catalog = resolve(base, parsed.data.out, "tool-definitions.json");
  return serve;
}

/**
 * Merges flags over environment variables over the config file, then validates the result with
 * core's `ServeConfigSchema`; a bad value names the flag, variable or key it came from.
 */
export async function readServeConfig(
  flags: RawFlags,
  environment: NodeJS.ProcessEnv,
  configFile: string | null,
): Promise<ServeConfig> {
  const merged: Record<string, unknown> = configFile ? { ...(await fromFile(configFile)) } : {};
  const sources = new Map<string, Source>();
  for (const option of SERVE_OPTIONS) {
    if (configFile && merged[option.key] !== undefined) sources.set(option.key, { file: configFile });
    const fromEnvironment = option.env ? environment[option.env] : undefined;
    if (fromEnvironment !== undefined && fromEnvironment !== "") {
      merged[option.key] = fromText(option, fromEnvironment, option.env as string);
      sources.set(option.key, { env: option.env as string });
    }
    const fromFlag = flags[option.flag];
    if (fromFlag !== undefined) {
      merged[option.key] = fromText(option, fromFlag, `--${option.flag}`);
      sources.set(option.key, { flag: `--${option.flag}` });
    }
  }
  const parsed = ServeConfigSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    const source = sources.get(key);
    const where = source?.flag ?? source?.env ?? (source?.file ? `${source.file}: key 'serve.${key}'` : key);
    return `${where}: ${issue.message}`;
  });
  const fromCommandLine = [...sources.values()].some((source) => source.flag);
  const message = `invalid serve settings:\n  ${problems.join("\n  ")}`;
  if (fromCommandLine && problems.every((line) => line.startsWith("--"))) throw new UsageError(message);
  throw serverError("invalid_config", message, configFile ? { file: configFile } : {});
}
