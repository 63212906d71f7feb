import { readFileSync } from "node:fs";
import * as z from "zod";
import type { CallerInfo } from "../catalog/tool-context.js";
import { serverError } from "../server-error.js";
import type { FlagProvider } from "./flag-provider.js";

/** One flag's local value: on or off for everyone, or on for the listed projects only. */
const LocalFlagValueSchema = z.union([
  z.boolean(),
  z.strictObject({ projects: z.array(z.union([z.string(), z.number()])) }),
]);
export type LocalFlagValue = z.infer<typeof LocalFlagValueSchema>;

/** A flags file: `{ "flag-key": true, "beta": { "projects": [1, 7] } }`. */
export const LocalFlagsSchema = z.record(z.string().min(1), LocalFlagValueSchema);
export type LocalFlags = z.infer<typeof LocalFlagsSchema>;

/**
 * Flags from a fixed table (a file or the environment), for servers without a flag service. A flag
 * the table does not list cannot be evaluated (`undefined`): `enable` tools behind it stay hidden.
 */
export function localFlagProvider(flags: LocalFlags): FlagProvider {
  return {
    async isEnabled(key: string, caller: CallerInfo) {
      const value = flags[key];
      if (value === undefined || typeof value === "boolean") return value;
      const project = caller.project?.id;
      return project !== undefined && value.projects.map(String).includes(String(project));
    },
  };
}

/** Reads `a,b,-c` (on, on, off) as a flags table: the form of an environment variable. */
export function parseFlagList(text: string): LocalFlags {
  const flags: LocalFlags = {};
  for (const item of text.split(",").map((part) => part.trim())) {
    if (!item) continue;
    const off = item.startsWith("-") || item.startsWith("!");
    flags[off ? item.slice(1) : item] = !off;
  }
  return flags;
}

/** Reads and validates a JSON flags file; a bad file is an `invalid_config` error naming the file and key. */
export function readFlagFile(file: string): LocalFlags {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw serverError("invalid_config", `cannot read the flags file ${file}: ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  const parsed = LocalFlagsSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `key '${issue.path.join(".") || "(root)"}': ${issue.message}`,
  );
  throw serverError("invalid_config", `invalid flags file ${file}: ${problems.join("; ")}`, { file });
}
