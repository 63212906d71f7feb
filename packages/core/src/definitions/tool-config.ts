import * as z from "zod";
import { ConfirmGuardSchema, GuardSchema } from "../guards/guard.js";
import { templatePlaceholders, templateText } from "../guards/templates.js";
import { ScopeSchema } from "../scopes/scope.js";
import { AnnotationsSchema } from "./annotations.js";
import { ParamCastSchema } from "./param-cast.js";
import { ResponseFilterSchema } from "./response-filter.js";
import { McpVersionSchema, SoftDeleteSchema, UiAppReferenceSchema } from "./tool-vocabulary.js";

/** Whether a feature flag turns a tool on (`enable`) or off (`disable`) when it evaluates true. */
export const FeatureFlagBehaviorSchema = z.enum(["enable", "disable"]);
export type FeatureFlagBehavior = z.infer<typeof FeatureFlagBehaviorSchema>;

/** Changes to one parameter of the operation, as the agent will see it. */
export const ParamOverrideSchema = z
  .strictObject({
    description: z.string().min(1).optional(),
    default: z.unknown().optional(),
    required: z.boolean().optional(),
    optional: z.boolean().optional(),
    /** Converts the value between what the agent sends and what the API takes (see `ParamCastSchema`). */
    cast: ParamCastSchema.optional(),
  })
  .refine((override) => !(override.required === true && override.optional === true), {
    error: "a parameter cannot be both 'required' and 'optional'",
  });
export type ParamOverride = z.infer<typeof ParamOverrideSchema>;

const PARAM_NAME = z.string().min(1);
/** A parameter name, or a dot path into a body field (`filters.groups`) for `exclude_params`. */
const PARAM_PATH = z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, {
  error: "use a parameter name, or a dot path into a body field such as 'filters.groups'",
});
const ENRICH_PLACEHOLDER = /^(params\.)?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** A link template appended to `url_prefix`: `{id}` reads the result (each item on list tools), `{params.id}` the arguments. */
export const EnrichUrlSchema = z
  .string()
  .min(1)
  .refine((template) => templatePlaceholders(template).length > 0, {
    error: "enrich_url needs a placeholder such as '{id}' or '{params.id}'",
  })
  .refine((template) => templatePlaceholders(template).every((path) => ENRICH_PLACEHOLDER.test(path)), {
    error: "enrich_url placeholders are result fields ('{id}') or arguments ('{params.id}')",
  })
  // A brace left over after the placeholders is a typo ('{id', '{ id }') that would otherwise land in the link.
  .refine((template) => !/[{}]/.test(templateText(template)), {
    error: "enrich_url has a '{' or '}' that is not part of a placeholder such as '{id}' or '{params.id}'",
  });

/** `confirm: true` or confirm options; normalised into a `confirm` guard by `toolGuards`. */
export const ConfirmOptionSchema = z.union([z.literal(true), ConfirmGuardSchema.omit({ type: true })]);

/** One tool in a definition file. */
export const ToolConfigSchema = z
  .strictObject({
    operation: z.string().min(1, { error: "operation must name an OpenAPI operationId" }),
    enabled: z.boolean().default(true),
    disabled_reason: z.string().min(1).optional(),
    scopes: z.array(ScopeSchema).min(1).optional(),
    annotations: AnnotationsSchema.optional(),
    title: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    description_file: z.string().min(1).optional(),
    list: z.boolean().default(false),
    enrich_url: EnrichUrlSchema.optional(),
    include_params: z.array(PARAM_NAME).min(1).optional(),
    exclude_params: z.array(PARAM_PATH).min(1).optional(),
    param_overrides: z.record(z.string().min(1), ParamOverrideSchema).optional(),
    response: ResponseFilterSchema.optional(),
    feature_flag: z.string().min(1).optional(),
    feature_flag_behavior: FeatureFlagBehaviorSchema.optional(),
    guards: z.array(GuardSchema).optional(),
    confirm: ConfirmOptionSchema.optional(),
    mcp_version: McpVersionSchema.optional(),
    soft_delete: SoftDeleteSchema.optional(),
    input_schema: z
      .string()
      .min(1, { error: "input_schema names a schema in the spec's components.schemas" })
      .optional(),
    ui_app: UiAppReferenceSchema.optional(),
  })
  .superRefine((tool, context) => {
    const problem = (message: string, path: string) =>
      context.addIssue({ code: "custom", message, path: [path] });
    if (tool.description && tool.description_file)
      problem("use 'description' or 'description_file', not both", "description_file");
    if (tool.include_params && tool.exclude_params)
      problem("use 'include_params' or 'exclude_params', not both", "exclude_params");
    if (tool.feature_flag_behavior && !tool.feature_flag) {
      problem("'feature_flag_behavior' needs a 'feature_flag'", "feature_flag_behavior");
    }
    if (tool.guards?.some((guard) => guard.type === "confirm") && tool.confirm) {
      problem("declare confirmation once: 'confirm' or a guard of type 'confirm'", "confirm");
    }
  });
export type ToolConfig = z.infer<typeof ToolConfigSchema>;
/** A tool as written in YAML (defaults not yet applied). */
export type ToolConfigInput = z.input<typeof ToolConfigSchema>;

/**
 * The tool's guards as the enforcer runs them: `guards` in declared order, then the confirmation
 * (`confirm:` normalised into a `confirm` guard, or a `confirm` guard declared anywhere in the
 * list) moved last, so a confirmation is only asked for a call every other guard allows.
 */
export function toolGuards(tool: Pick<ToolConfig, "guards" | "confirm">): z.infer<typeof GuardSchema>[] {
  const guards = [...(tool.guards ?? [])];
  if (tool.confirm === true) guards.push(ConfirmGuardSchema.parse({ type: "confirm" }));
  else if (tool.confirm) guards.push({ type: "confirm", ...tool.confirm });
  return [
    ...guards.filter((guard) => guard.type !== "confirm"),
    ...guards.filter((guard) => guard.type === "confirm"),
  ];
}
