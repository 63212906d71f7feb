import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ADMIN_KEY = "tw_demo_admin";
const READER_KEY = "tw_demo_reader";

/** The MCP Inspector the banner runs: a 2.x release, pinned so `npx` cannot fall back to an old one. */
export const INSPECTOR_VERSION = "2.12.0";

/**
 * The Inspector needs Node 22, and npm (running on the user's Node 20) would skip every Inspector
 * release that says so; pinning the version and putting a Node 22 binary from the npm registry on
 * npx's PATH (`node-<platform>-<arch>@22`, the package the `node` package installs) runs 2.x as printed.
 */
export function inspectorCommand(platform: string = process.platform, arch: string = process.arch): string {
  const os = platform === "win32" ? "win" : platform;
  return `npx -y -p node-${os}-${arch}@22 -p @modelcontextprotocol/inspector@${INSPECTOR_VERSION} -- mcp-inspector`;
}

/**
 * Absolute command line that runs the stdio server from this install (for desktop clients): the built
 * `stdio.js` in production, the TypeScript source through tsx in the repo, named through this app's own
 * `node_modules/tsx` link so the line does not depend on pnpm's store layout or tsx's version.
 */
export function stdioCommand(): { command: string; args: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(new URL(fromSource ? "./stdio.ts" : "./stdio.js", import.meta.url));
  if (!fromSource) return { command: process.execPath, args: [entry] };
  const appDir = fileURLToPath(new URL("..", import.meta.url));
  const tsx = join(appDir, "node_modules", "tsx", "dist", "cli.mjs");
  return { command: process.execPath, args: [tsx, "--conditions=@toolwright/source", entry] };
}

/** The Claude Desktop entry: the stdio server with the admin key, writing analytics to an absolute path. */
export function desktopSnippet(upstream: string, eventsFile: string | null) {
  const env: Record<string, string> = { TOOLWRIGHT_API_KEY: ADMIN_KEY, TOOLWRIGHT_UPSTREAM: upstream };
  // A desktop client starts the server in a folder of its own choosing: a relative path would land there.
  if (eventsFile) env.TOOLWRIGHT_EVENTS_FILE = isAbsolute(eventsFile) ? eventsFile : resolve(eventsFile);
  else env.TOOLWRIGHT_ANALYTICS = "off";
  return { mcpServers: { "toolwright-demo": { ...stdioCommand(), env } } };
}

/** What `pnpm start` prints once the server listens: URL, keys and copy-paste client snippets. */
export function banner(
  mcpUrl: string,
  upstream: string,
  eventsFile: string | null,
  oauthIssuer?: string,
): string {
  const events = eventsFile ? resolve(eventsFile) : null;
  const cursor = {
    mcpServers: { "toolwright-demo": { url: mcpUrl, headers: { Authorization: `Bearer ${ADMIN_KEY}` } } },
  };
  const inspector = inspectorCommand();
  const lines = [
    "",
    `Toolwright demo MCP server: ${mcpUrl}`,
    `  upstream (demo API):  ${upstream}`,
    `  demo keys:            ${ADMIN_KEY} (every scope), ${READER_KEY} (every :read scope)`,
    "  MCP revisions:        2026-07-28 (stateless), 2025-11-25, 2025-06-18, 2025-03-26",
    "",
    "Claude Code (HTTP):",
    `  claude mcp add --transport http toolwright-demo ${mcpUrl} --header "Authorization: Bearer ${ADMIN_KEY}"`,
    "",
    "Cursor (~/.cursor/mcp.json, HTTP):",
    indent(JSON.stringify(cursor, null, 2)),
    "",
    "Claude Desktop (claude_desktop_config.json, stdio):",
    indent(JSON.stringify(desktopSnippet(upstream, events), null, 2)),
    "",
    ...oauthLines(mcpUrl, oauthIssuer),
    `MCP Inspector ${INSPECTOR_VERSION} (runs on a Node 22 it downloads; your Node stays as it is):`,
    `  ${inspector}  # UI: Streamable HTTP, URL ${mcpUrl},`,
    `  header Authorization: Bearer ${READER_KEY}`,
    `  ${inspector} --cli ${mcpUrl} --transport http --header "Authorization: Bearer ${READER_KEY}" --method tools/list`,
    "",
    events
      ? `Usage events go to ${events}; see them with: pnpm analytics:report`
      : "Usage analytics are off (TOOLWRIGHT_ANALYTICS=off).",
    "Other ports: DEMO_API_PORT=4020 DEMO_AUTH_PORT=4021 TOOLWRIGHT_PORT=3334 TOOLWRIGHT_UPSTREAM=http://127.0.0.1:4020 pnpm start",
    "Press Ctrl-C to stop.",
    "",
  ];
  return lines.filter((line, index) => line !== "" || lines[index - 1] !== "").join("\n");
}

/** How to connect with OAuth sign-in instead of a key, when the server accepts the demo AS's tokens. */
function oauthLines(mcpUrl: string, issuer: string | undefined): string[] {
  if (!issuer) return [];
  return [
    `OAuth sign-in (no key): authorization server ${issuer}; demo users alice / alice-demo (project 1),`,
    "  riley / riley-demo (project 1, read only), bob / bob-demo (project 2)",
    `  Claude Code: claude mcp add --transport http toolwright-demo-oauth ${mcpUrl}   # then /mcp > Authenticate`,
    `  Claude custom connector: URL ${mcpUrl} (Claude's cloud must reach it: serve it and the AS on public https URLs)`,
    `  MCP Inspector: Streamable HTTP, URL ${mcpUrl}, no header; Open Auth Settings > Quick OAuth Flow`,
    "",
  ];
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
