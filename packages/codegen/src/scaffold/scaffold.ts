import { annotationsRequired, type ToolConfigInput } from "@toolwright/core";
import type { LoadedSpec } from "../spec/load-spec.js";
import { listOperations, type SpecOperation } from "../spec/operations.js";
import { chooseBody } from "../tools/request-body.js";
import { blockYaml } from "./block-yaml.js";
import { snakeCase, suggestFeatureId } from "./feature-name.js";
import { uniqueToolName } from "./tool-names.js";

/** Which operations to scaffold and how. */
export interface ScaffoldOptions {
  tag?: string | undefined;
  pathPrefix?: string | undefined;
  /** Write tools enabled (default: disabled with a `disabled_reason`, to be reviewed one by one). */
  enabled?: boolean | undefined;
  feature?: string | undefined;
  category?: string | undefined;
  urlPrefix?: string | undefined;
  /**
   * Write the method's guess for POST/PUT/PATCH annotations (all false, PUT idempotent) instead of
   * leaving them undecided. For bulk imports and benchmarks; a person should decide them.
   */
  assumeAnnotations?: boolean | undefined;
}

/** A scaffolded definition file: its YAML text and how many tools it holds. */
export interface ScaffoldResult {
  text: string;
  tools: number;
  /** The file's feature id. */
  feature: string;
  /** Write tools (POST/PUT/PATCH) left without annotations, and so disabled, for a person to decide. */
  undecided: number;
  /** Tools left disabled even with `enabled` because they cannot be served (e.g. unsupported body type). */
  unsupported: number;
}

/** The reason written on tools scaffolded disabled. */
const SCAFFOLD_DISABLED_REASON =
  "Scaffolded; review the description, parameters and annotations, then enable.";

/** The reason written on write tools whose annotations nobody has decided yet. */
const UNDECIDED_ANNOTATIONS_REASON =
  "Scaffolded; decide its annotations (readOnly, destructive, idempotent, openWorld: the method alone cannot tell), review it, then enable.";

/** True when an operation matches the scaffold filters (`--tag`, `--path-prefix`). */
export function matchesFilters(
  operation: SpecOperation,
  options: Pick<ScaffoldOptions, "tag" | "pathPrefix">,
): boolean {
  if (options.tag !== undefined && !operation.tags.includes(options.tag)) return false;
  return options.pathPrefix === undefined || operation.path.startsWith(options.pathPrefix);
}

/** A starter definition file with one tool per matching operation. */
export function scaffold(spec: LoadedSpec, options: ScaffoldOptions = {}): ScaffoldResult {
  const operations = listOperations(spec.document).filter((operation) => matchesFilters(operation, options));
  const taken = new Set<string>();
  const tools: Record<string, ToolConfigInput> = {};
  let unsupported = 0;
  let undecided = 0;
  for (const operation of operations) {
    const tool = scaffoldTool(operation, options.enabled === true, options.assumeAnnotations === true);
    if (tool.disabled_reason === UNDECIDED_ANNOTATIONS_REASON) undecided++;
    else if (tool.enabled === false && tool.disabled_reason !== SCAFFOLD_DISABLED_REASON) unsupported++;
    tools[uniqueToolName(operation, taken)] = tool;
  }
  const { title, version } = spec.document.info;
  const feature = options.feature ?? (options.tag ? featureId(options.tag) : suggestFeatureId(spec.document));
  const text = blockYaml(
    {
      category: options.category ?? options.tag ?? title,
      feature,
      url_prefix: options.urlPrefix ?? "/",
      tools,
    },
    `Scaffolded by toolwright scaffold from ${title} ${version}.\nReview each tool; this file is yours to edit (toolwright sync keeps your changes).`,
  );
  return { text, tools: operations.length, feature, undecided, unsupported };
}

/**
 * One scaffolded tool: the operation and the enabled state. A write tool's annotations are left out
 * (the tool stays disabled, saying so) unless `assumeAnnotations`: nobody has decided them yet.
 */
export function scaffoldTool(
  operation: SpecOperation,
  enabled: boolean,
  assumeAnnotations = false,
): ToolConfigInput {
  const body = chooseBody(operation.requestBody);
  const tool: ToolConfigInput = { operation: operation.id };
  const decide = annotationsRequired(operation.method) && !assumeAnnotations;
  if (typeof body === "string") {
    tool.enabled = false;
    tool.disabled_reason = `Cannot be served: ${body}.`;
  } else if (decide) {
    tool.enabled = false;
    tool.disabled_reason = UNDECIDED_ANNOTATIONS_REASON;
  } else if (!enabled) {
    tool.enabled = false;
    tool.disabled_reason = SCAFFOLD_DISABLED_REASON;
  }
  if (!operation.summary && !operation.description)
    tool.description = `${operation.method} ${operation.path}`;
  if (annotationsRequired(operation.method) && assumeAnnotations) {
    tool.annotations = {
      readOnly: false,
      destructive: false,
      idempotent: operation.method === "PUT",
      openWorld: false,
    };
  }
  return tool;
}

/** A snake_case feature id from a tag or title (`Stripe API` → `stripe_api`). */
function featureId(label: string): string {
  return snakeCase(label) || "api";
}
