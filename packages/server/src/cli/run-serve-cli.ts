import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { isToolwrightError, parseToolDefinitions } from "@toolwright/core";
import { createCatalog } from "../catalog/create-catalog.js";
import { serveHttp } from "../http/serve-http.js";
import { serveStdio } from "../serve-stdio.js";
import type { ToolwrightServerOptions } from "../server-options.js";

const HELP = `toolwright serve: serve a generated tool catalog as an MCP server

Usage: toolwright-serve --catalog <tool-definitions.json> [options]

  --catalog <file>         tool-definitions.json written by \`toolwright generate\` (required)
  --upstream <url>         upstream API base URL (default: the catalog's "upstream")
  --port <n>               HTTP port (default 3333); the MCP endpoint is /mcp
  --host <host>            HTTP host (default 127.0.0.1)
  --stdio                  serve over stdio instead of HTTP; the key comes from TOOLWRIGHT_API_KEY
  --scopes <a,b>           fixed scopes for every caller, for upstreams without /api/keys/@current
  --introspection <path>   key introspection path on the upstream (default /api/keys/@current)
  --mode <full|compact>    compact: three tools (search, describe, call) instead of the whole catalog
  --confirm-secret <s>     HMAC secret for confirmation tokens (or TOOLWRIGHT_CONFIRM_SECRET)
  --allowed-origins <a,b>  browser origins allowed on /mcp (default: loopback origins)
  --app-url <url>          base URL of the product's web app for enrich_url links (default: --upstream)
  --public-url <url>       public base URL of this server (or TOOLWRIGHT_PUBLIC_URL); required off loopback
  --allowed-hosts <a,b>    Host headers answered (default: the public URL's host, else loopback names)
  --max-response-bytes <n> largest upstream answer read (default 5000000)
  --max-connections <n>    concurrent connections per client address (default 128; 0 = no cap)
  --headers-timeout <ms>   time to receive request headers (default 10000)
  --request-timeout <ms>   time to receive a whole request (default 30000)
  --help                   show this help

Environment: TOOLWRIGHT_API_KEY (stdio), TOOLWRIGHT_CONFIRM_SECRET, TOOLWRIGHT_PUBLIC_URL.
`;

const OPTIONS = {
  catalog: { type: "string" },
  upstream: { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
  stdio: { type: "boolean" },
  scopes: { type: "string" },
  introspection: { type: "string" },
  mode: { type: "string" },
  "confirm-secret": { type: "string" },
  "allowed-origins": { type: "string" },
  "app-url": { type: "string" },
  "public-url": { type: "string" },
  "allowed-hosts": { type: "string" },
  "max-response-bytes": { type: "string" },
  "max-connections": { type: "string" },
  "headers-timeout": { type: "string" },
  "request-timeout": { type: "string" },
  help: { type: "boolean" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>["values"];

class UsageError extends Error {}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A non-negative integer flag, or undefined when not given. */
function count(flags: Flags, name: keyof Flags): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || !Number.isSafeInteger(parsed))
    throw new UsageError(`--${name} must be a non-negative integer, not '${String(value)}'`);
  return parsed;
}

/** The HTTP front door's flags (Host, public URL, limits); unset ones keep their defaults. */
function httpFlags(flags: Flags) {
  const hosts = list(flags["allowed-hosts"]);
  const publicUrl = flags["public-url"] ?? process.env.TOOLWRIGHT_PUBLIC_URL;
  const limits = {
    maxConnectionsPerClient: count(flags, "max-connections"),
    headersTimeoutMs: count(flags, "headers-timeout"),
    requestTimeoutMs: count(flags, "request-timeout"),
  };
  return {
    ...(publicUrl ? { publicUrl } : {}),
    ...(hosts ? { allowedHosts: hosts } : {}),
    limits: Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
  };
}

async function loadCatalog(file: string) {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read the catalog file '${file}'`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return createCatalog({ definitions: parseToolDefinitions(data, file) });
}

async function serverOptions(flags: Flags): Promise<ToolwrightServerOptions> {
  if (!flags.catalog) throw new UsageError("--catalog is required");
  const mode = flags.mode;
  if (mode !== undefined && mode !== "full" && mode !== "compact") {
    throw new UsageError(`--mode must be 'full' or 'compact', not '${mode}'`);
  }
  const secret = flags["confirm-secret"] ?? process.env.TOOLWRIGHT_CONFIRM_SECRET;
  const scopes = list(flags.scopes);
  const maxResponseBytes = count(flags, "max-response-bytes");
  return {
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
    catalog: await loadCatalog(flags.catalog),
    ...(flags.upstream ? { upstream: flags.upstream } : {}),
    ...(flags["app-url"] ? { appBaseUrl: flags["app-url"] } : {}),
    ...(scopes ? { scopes } : {}),
    ...(flags.introspection ? { introspectionPath: flags.introspection } : {}),
    ...(mode ? { view: { mode } } : {}),
    ...(secret ? { confirmation: { secret } } : {}),
  };
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

async function serve(flags: Flags): Promise<number> {
  const options = await serverOptions(flags);
  if (flags.stdio) {
    const { closed } = await serveStdio(options);
    await closed;
    return 0;
  }
  const port = flags.port === undefined ? 3333 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a port number, not '${flags.port}'`);
  const origins = list(flags["allowed-origins"]);
  const server = await serveHttp({
    ...options,
    port,
    host: flags.host ?? "127.0.0.1",
    ...(origins ? { allowedOrigins: origins } : {}),
    ...httpFlags(flags),
  });
  process.stderr.write(`toolwright: serving ${options.catalog.tools.length} tools at ${server.url}\n`);
  await waitForSignal();
  await server.close();
  return 0;
}

/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * The `serve` command: serves a catalog over HTTP (until SIGINT/SIGTERM) or stdio (until the client
 * closes). Resolves to the exit code; problems are printed to stderr as one actionable line.
 */
export async function runServeCli(argv: string[], output: CliOutput = process): Promise<number> {
  let flags: Flags;
  try {
    flags = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    output.stderr.write(
      `toolwright serve: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`,
    );
    return 2;
  }
  if (flags.help) {
    output.stdout.write(HELP);
    return 0;
  }
  try {
    return await serve(flags);
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr.write(`toolwright serve: ${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    if (isToolwrightError(error)) {
      output.stderr.write(`toolwright serve: ${error.message}\n`);
      return 1;
    }
    output.stderr.write(`toolwright serve: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
