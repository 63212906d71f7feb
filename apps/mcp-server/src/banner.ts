import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ADMIN_KEY = "tw_demo_admin";
const READER_KEY = "tw_demo_reader";

/**
 * Absolute command line that runs the stdio server from this install (for desktop clients): the built
 * `stdio.js` in production, the TypeScript source through tsx in the repo.
 */
function stdioCommand(): { command: string; args: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(new URL(fromSource ? "./stdio.ts" : "./stdio.js", import.meta.url));
  if (!fromSource) return { command: process.execPath, args: [entry] };
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  return { command: process.execPath, args: [tsx, "--conditions=@toolwright/source", entry] };
}

/** What `pnpm start` prints once the server listens: URL, keys and copy-paste client snippets. */
export function banner(
  mcpUrl: string,
  upstream: string,
  eventsFile: string | null,
  oauthIssuer?: string,
): string {
  const stdio = stdioCommand();
  const desktop = {
    mcpServers: {
      "toolwright-demo": { ...stdio, env: { TOOLWRIGHT_API_KEY: ADMIN_KEY, TOOLWRIGHT_UPSTREAM: upstream } },
    },
  };
  const cursor = {
    mcpServers: { "toolwright-demo": { url: mcpUrl, headers: { Authorization: `Bearer ${ADMIN_KEY}` } } },
  };
  const lines = [
    "",
    `Toolwright demo MCP server: ${mcpUrl}`,
    `  upstream (demo API):  ${upstream}`,
    `  demo keys:            ${ADMIN_KEY} (every scope), ${READER_KEY} (every :read scope)`,
    "",
    "Claude Code (HTTP):",
    `  claude mcp add --transport http toolwright-demo ${mcpUrl} --header "Authorization: Bearer ${ADMIN_KEY}"`,
    "",
    "Cursor (~/.cursor/mcp.json, HTTP):",
    indent(JSON.stringify(cursor, null, 2)),
    "",
    "Claude Desktop (claude_desktop_config.json, stdio):",
    indent(JSON.stringify(desktop, null, 2)),
    "",
    ...oauthLines(mcpUrl, oauthIssuer),
    "MCP Inspector (needs Node 22):",
    `  npx -y -p node@22 -p @modelcontextprotocol/inspector mcp-inspector  # then: Streamable HTTP, URL ${mcpUrl},`,
    `  header Authorization: Bearer ${READER_KEY}`,
    "",
    eventsFile
      ? `Usage events go to ${eventsFile}; see them with: pnpm analytics:report`
      : "Usage analytics are off (TOOLWRIGHT_ANALYTICS=off).",
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
