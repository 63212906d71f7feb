import * as z from "zod";
import { FeatureIdSchema, toolNameProblem } from "./naming.js";
import { FeatureFlagBehaviorSchema, ToolConfigSchema } from "./tool-config.js";
import { ContextSourceSchema, McpVersionSchema, UiAppsSchema } from "./tool-vocabulary.js";

/** A definition file (`<product>/mcp/*.yaml`): one product area and its tools. */
export const DefinitionFileSchema = z
  .strictObject({
    category: z.string().min(1),
    feature: FeatureIdSchema,
    url_prefix: z.string().regex(/^\/[^\s]*$/, { error: "url_prefix must be a path starting with '/'" }),
    feature_flag: z.string().min(1).optional(),
    feature_flag_behavior: FeatureFlagBehaviorSchema.optional(),
    /** The tool set of every tool in the file that does not name its own. */
    mcp_version: McpVersionSchema.optional(),
    /** Parameters filled from the caller (`project_id: project.id`), hidden from the agent. */
    context_params: z.record(z.string().min(1), ContextSourceSchema).optional(),
    ui_apps: UiAppsSchema.optional(),
    tools: z.record(z.string(), ToolConfigSchema),
  })
  .superRefine((file, context) => {
    for (const name of Object.keys(file.tools)) {
      const problem = toolNameProblem(name);
      if (problem) context.addIssue({ code: "custom", message: problem, path: ["tools", name] });
    }
    if (file.feature_flag_behavior && !file.feature_flag) {
      context.addIssue({
        code: "custom",
        message: "'feature_flag_behavior' needs a 'feature_flag'",
        path: ["feature_flag_behavior"],
      });
    }
  });
export type DefinitionFile = z.infer<typeof DefinitionFileSchema>;
/** A definition file as written in YAML (defaults not yet applied). */
export type DefinitionFileInput = z.input<typeof DefinitionFileSchema>;

/** The feature flag that governs a tool: its own, else the file's; behaviour defaults to `enable`. */
export function effectiveFeatureFlag(
  file: Pick<DefinitionFile, "feature_flag" | "feature_flag_behavior">,
  tool: Pick<DefinitionFile["tools"][string], "feature_flag" | "feature_flag_behavior">,
): { key: string; behavior: "enable" | "disable" } | null {
  const key = tool.feature_flag ?? file.feature_flag;
  if (!key) return null;
  const behavior = tool.feature_flag ? tool.feature_flag_behavior : file.feature_flag_behavior;
  return { key, behavior: behavior ?? "enable" };
}
