import * as z from "zod";
import { ContextSourceSchema } from "../definitions/tool-vocabulary.js";
import { ServeConfigSchema } from "./serve-config.js";

/**
 * A toolwright config file (`toolwright.config.ts`, `.mjs`, `.js` or `.json`): where codegen finds
 * the spec, the definitions and the output (paths relative to the file), and how `toolwright serve`
 * serves the result.
 */
export const ToolwrightConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  spec: z.string().min(1),
  definitions: z.array(z.string().min(1)).min(1),
  out: z.string().min(1),
  upstream: z.url().optional(),
  /** Parameters every operation fills from the caller, e.g. `{ "project_id": "project.id" }`. */
  contextParams: z.record(z.string().min(1), ContextSourceSchema).optional(),
  /** Advertise an `outputSchema` for tools whose success response is a JSON object (default false). */
  outputSchemas: z.boolean().optional(),
  /**
   * Also write `tools.gen.ts`: a Zod input schema and inferred TypeScript type per tool, for code that
   * builds or checks tool arguments itself (default false; the server needs only tool-definitions.json).
   */
  zodSchemas: z.boolean().optional(),
  /** Definition warnings (keys of other pipelines, excludes that are not inputs) fail the run. */
  warningsAsErrors: z.boolean().optional(),
  serve: ServeConfigSchema.optional(),
});
export type ToolwrightConfig = z.infer<typeof ToolwrightConfigSchema>;

/**
 * Types a `toolwright.config.ts` without changing it: `export default defineConfig({ ... })`.
 * The file is still validated when it is loaded.
 */
export function defineConfig(config: ToolwrightConfig): ToolwrightConfig {
  return config;
}

/** Config file names looked up in the working directory, in this order, when no `--config` is given. */
export const CONFIG_FILE_NAMES = [
  "toolwright.config.ts",
  "toolwright.config.mts",
  "toolwright.config.mjs",
  "toolwright.config.js",
  "toolwright.config.json",
] as const;
