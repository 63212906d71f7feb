import type { AdvertisedTool } from "../calls/advertised-tool.js";
import { advertise } from "../calls/advertised-tool.js";
import type { Catalog } from "../catalog/create-catalog.js";
import type { CallerInfo } from "../catalog/tool-context.js";
import type { FlagProvider } from "../visibility/flag-provider.js";
import type { ToolView } from "../visibility/tool-view.js";
import { visibleTools } from "../visibility/visible-tools.js";
import { createMemoryListCache, type ListCache } from "./list-cache.js";

/** One advertised list (plain JSON), built once per key and shared by every request with that key. */
export type AdvertisedList = readonly AdvertisedTool[];

/** The tools a caller sees in `tools/list`, advertised. */
export type AdvertisedLists = (caller: CallerInfo, view: ToolView) => Promise<AdvertisedList>;

// Sets are written sorted so that two equal views give one key, whatever fields a view gains.
function viewKey(view: ToolView): string {
  return JSON.stringify(view, (_key, value: unknown) => (value instanceof Set ? [...value].sort() : value));
}

async function flagValues(keys: readonly string[], provider: FlagProvider, caller: CallerInfo) {
  const values = await Promise.all(
    keys.map((key) =>
      provider.isEnabled(key, caller).then(
        (value) => value,
        () => undefined,
      ),
    ),
  );
  return new Map(keys.map((key, index) => [key, values[index]]));
}

/** A provider answering from values already read for this request, so a miss asks nothing twice. */
function answering(values: ReadonlyMap<string, boolean | undefined>): FlagProvider {
  return { isEnabled: async (key) => values.get(key) };
}

/**
 * Advertised lists kept per (catalog, caller's scope set, view, the caller's flag values) instead
 * of being filtered and advertised again on every request. The catalog is fixed per runtime, so
 * one cache per runtime covers it.
 */
export function createAdvertisedLists(
  catalog: Catalog,
  flags: FlagProvider | undefined,
  cache: ListCache<AdvertisedList> = createMemoryListCache(),
): AdvertisedLists {
  const flagKeys = [
    ...new Set(catalog.tools.flatMap((tool) => (tool.featureFlag ? [tool.featureFlag.key] : []))),
  ];
  return async (caller, view) => {
    const values = flags && flagKeys.length > 0 ? await flagValues(flagKeys, flags, caller) : undefined;
    const key = JSON.stringify([[...caller.scopes].sort(), viewKey(view), values ? [...values] : null]);
    const cached = await cache.get(key);
    if (cached) return cached;
    const list = (await visibleTools(catalog, caller, view, values ? answering(values) : flags)).map(
      advertise,
    );
    await cache.set(key, list);
    return list;
  };
}
