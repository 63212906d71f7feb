import { isRecord } from "@toolwright/core/internal";

/** The compact-mode tool that runs another tool by name. */
export const CALL_TOOL_NAME = "call-tool";

/** A wrapper call resolved to the tool it runs (the shape `unwrapTool` of `@toolwright/analytics` takes). */
export interface UnwrappedCall {
  name: string;
  args: Record<string, unknown>;
}

/**
 * For analytics: resolves a compact-mode `call-tool` call to the catalog tool it runs and that tool's
 * arguments, so usage is recorded per real tool rather than all under `call-tool`. Returns `undefined`
 * for every other call (and for a `call-tool` call without a tool name), which is then recorded as is.
 * Pass it as `unwrapTool` to `@toolwright/analytics`.
 */
export function compactToolUnwrapper(toolName: string, args: unknown): UnwrappedCall | undefined {
  if (toolName !== CALL_TOOL_NAME || !isRecord(args)) return undefined;
  const name = args.name;
  if (typeof name !== "string" || name.length === 0) return undefined;
  return { name, args: isRecord(args.arguments) ? args.arguments : {} };
}
