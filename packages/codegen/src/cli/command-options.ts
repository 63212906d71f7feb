import { parseArgs } from "node:util";
import { UsageError } from "@toolwright/core/internal";
import { type CodegenFlags, type CodegenOptions, resolveOptions } from "../config/codegen-config.js";

type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

/** Options every config-driven command takes. */
export const CONFIG_OPTIONS = {
  config: { type: "string" },
  spec: { type: "string" },
  definitions: { type: "string", multiple: true },
  out: { type: "string" },
  upstream: { type: "string" },
  "warnings-as-errors": { type: "boolean" },
  "zod-schemas": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

/** Help text for the options above, shared by the commands' help. */
export const CONFIG_HELP = `  --config FILE        config file (default: ./toolwright.config.{ts,mts,mjs,js,json}, the first present)
  --spec FILE          OpenAPI 3.0/3.1 document, JSON or YAML (overrides the config)
  --definitions GLOB   definition files, repeatable (overrides the config)
  --out DIR            output directory (overrides the config)
  --upstream URL       default upstream base URL written into tool-definitions.json
  --warnings-as-errors definition warnings (keys of other pipelines, excludes that are not inputs) fail
  --zod-schemas        also write tools.gen.ts (Zod input schemas and types per tool; default off)`;

/** The parsed values of an option spec: booleans, strings, or string lists for repeatable options. */
export type OptionValues<Spec extends OptionSpec> = {
  [Key in keyof Spec]?: Spec[Key] extends { type: "boolean" }
    ? boolean
    : Spec[Key] extends { multiple: true }
      ? string[]
      : string;
};

/** Parses a command's arguments strictly; unknown options and stray positionals are usage errors. */
export function parseCommand<Spec extends OptionSpec>(argv: string[], options: Spec): OptionValues<Spec> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false })
      .values as OptionValues<Spec>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Resolves config-file and flag values into the options of a run. */
export function codegenOptions(
  values: CodegenFlags & { "warnings-as-errors"?: boolean | undefined; "zod-schemas"?: boolean | undefined },
  cwd: string,
): Promise<CodegenOptions> {
  return resolveOptions(
    {
      config: values.config,
      spec: values.spec,
      definitions: values.definitions,
      out: values.out,
      upstream: values.upstream,
      warningsAsErrors: values["warnings-as-errors"],
      zodSchemas: values["zod-schemas"],
    },
    cwd,
  );
}
