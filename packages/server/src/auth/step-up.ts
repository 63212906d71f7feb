import { missingScopes } from "@toolwright/core";
import { isRecord } from "@toolwright/core/internal";
import type { Caller } from "../callers/caller.js";
import type { Catalog } from "../catalog/create-catalog.js";
import { compactToolUnwrapper } from "../compact/compact-tool-unwrapper.js";

import type { ToolView } from "../visibility/tool-view.js";

/**
 * For an OAuth caller's `tools/call` of a catalog tool whose scopes the token lacks: the scopes that
 * call needs (RFC 6750 §3.1 `insufficient_scope`, so the client can re-authorize for them). Null when
 * the call may go ahead, or when the caller uses an API key (which keeps the `isError` result).
 * In compact mode the check sees through `call-tool` to the tool it runs, so both modes answer the
 * same call with the same 403.
 */
export function stepUpScopes(
  catalog: Catalog,
  caller: Caller,
  message: unknown,
  mode: ToolView["mode"] = "full",
): string[] | null {
  if (caller.info.kind !== "oauth" || !isRecord(message) || message.method !== "tools/call") return null;
  const params = message.params;
  if (!isRecord(params) || typeof params.name !== "string") return null;
  const name = mode === "compact" ? compactToolUnwrapper(params.name, params.arguments)?.name : params.name;
  if (name === undefined) return null;
  const tool = catalog.tools.find((candidate) => candidate.name === name);
  if (!tool || missingScopes(caller.info.scopes, tool.scopes).length === 0) return null;
  return [...tool.scopes];
}
