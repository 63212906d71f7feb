import { hasScopes, missingScopes } from "@toolwright/core";
import type { Catalog } from "../catalog/create-catalog.js";
import type { ServedTool } from "../catalog/served-tool.js";
import type { CallerInfo } from "../catalog/tool-context.js";
import type { FlagProvider } from "./flag-provider.js";
import type { ToolView } from "./tool-view.js";

async function evaluateFlag(
  provider: FlagProvider | undefined,
  key: string,
  caller: CallerInfo,
): Promise<boolean | undefined> {
  if (!provider) return undefined;
  try {
    return await provider.isEnabled(key, caller);
  } catch {
    return undefined;
  }
}

function passesView(tool: ServedTool, view: ToolView): boolean {
  if (view.features && !view.features.has(tool.feature)) return false;
  if (view.tools && !view.tools.has(tool.name)) return false;
  if (tool.mcpVersion !== undefined && tool.mcpVersion !== view.version) return false;
  return !view.readonly || tool.annotations.readOnlyHint;
}

function passesFlag(tool: ServedTool, flags: ReadonlyMap<string, boolean | undefined>): boolean {
  if (!tool.featureFlag) return true;
  const value = flags.get(tool.featureFlag.key);
  return tool.featureFlag.behavior === "enable" ? value === true : value !== true;
}

/** Evaluates each distinct flag once per listing. */
async function evaluateFlags(
  tools: readonly ServedTool[],
  provider: FlagProvider | undefined,
  caller: CallerInfo,
): Promise<Map<string, boolean | undefined>> {
  const keys = [...new Set(tools.flatMap((tool) => (tool.featureFlag ? [tool.featureFlag.key] : [])))];
  const values = await Promise.all(keys.map((key) => evaluateFlag(provider, key, caller)));
  return new Map(keys.map((key, index) => [key, values[index]]));
}

/** The tools a caller sees, in catalog (name) order: scopes held, view filters, feature flags. */
export async function visibleTools(
  catalog: Catalog,
  caller: CallerInfo,
  view: ToolView,
  flags: FlagProvider | undefined,
): Promise<ServedTool[]> {
  const candidates = catalog.tools.filter(
    (tool) => hasScopes(caller.scopes, tool.scopes) && passesView(tool, view),
  );
  const values = await evaluateFlags(candidates, flags, caller);
  return candidates.filter((tool) => passesFlag(tool, values));
}

/** Why a caller may not call a tool, or null when they may; the message names what is missing. */
export async function callRefusal(
  tool: ServedTool,
  caller: CallerInfo,
  view: ToolView,
  flags: FlagProvider | undefined,
): Promise<string | null> {
  const missing = missingScopes(caller.scopes, tool.scopes);
  if (missing.length > 0) {
    return `'${tool.name}' needs the scope${missing.length > 1 ? "s" : ""} ${missing.map((scope) => `'${scope}'`).join(", ")}, which this API key does not have. Use a key with ${missing.length > 1 ? "those scopes" : "that scope"}, or pick a tool from tools/list.`;
  }
  if (!passesView(tool, view)) {
    if (tool.mcpVersion !== undefined && tool.mcpVersion !== view.version) {
      return `'${tool.name}' is in tool set ${tool.mcpVersion}, and this connection uses tool set ${view.version}. Connect with ?version=${tool.mcpVersion} (or the x-toolwright-version header) to use it, or pick a tool from tools/list.`;
    }
    return `'${tool.name}' is not available in this session: it is filtered out by the features, tools or read-only settings of the connection.`;
  }
  const values = await evaluateFlags([tool], flags, caller);
  if (!passesFlag(tool, values)) {
    return `'${tool.name}' is not available for this account: it is behind the feature flag '${tool.featureFlag?.key}'.`;
  }
  return null;
}
