import { DEFAULT_MCP_VERSION, type McpVersion } from "@toolwright/core";

/** How a session narrows the caller's tools: by feature, by name, to read-only tools, the mode and the tool set. */
export interface ToolView {
  features: ReadonlySet<string> | null;
  tools: ReadonlySet<string> | null;
  readonly: boolean;
  mode: "full" | "compact";
  /** The tool set (`mcp_version`): tools of this set and tools without one are served. */
  version: McpVersion;
}

/** `1` or `2`; anything else leaves the default. */
function readVersion(value: string | null | undefined): McpVersion | undefined {
  return value === "1" ? 1 : value === "2" ? 2 : undefined;
}

/** Lists in query strings and headers are comma-separated; empty means no narrowing. */
function splitList(value: string | null | undefined): ReadonlySet<string> | null {
  if (!value) return null;
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? new Set(items) : null;
}

function isTrue(value: string | null | undefined): boolean {
  return value === "true" || value === "1" || value === "yes";
}

/** Reads a view from `?features=&tools=&readonly=&mode=&version=`, falling back to `x-toolwright-*` headers. */
export function viewFromRequest(url: URL, headers: Headers, defaults: Partial<ToolView> = {}): ToolView {
  const read = (name: string) => url.searchParams.get(name) ?? headers.get(`x-toolwright-${name}`);
  const mode = read("mode");
  return {
    features: splitList(read("features")) ?? defaults.features ?? null,
    tools: splitList(read("tools")) ?? defaults.tools ?? null,
    readonly: read("readonly") === null ? (defaults.readonly ?? false) : isTrue(read("readonly")),
    mode: mode === "compact" || mode === "full" ? mode : (defaults.mode ?? "full"),
    version: readVersion(read("version")) ?? defaults.version ?? DEFAULT_MCP_VERSION,
  };
}

/** A view with no narrowing. */
export function fullView(overrides: Partial<ToolView> = {}): ToolView {
  return {
    features: null,
    tools: null,
    readonly: false,
    mode: "full",
    version: DEFAULT_MCP_VERSION,
    ...overrides,
  };
}
