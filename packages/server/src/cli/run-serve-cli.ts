import { access, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  CONFIG_FILE_NAMES,
  isToolwrightError,
  parseToolDefinitions,
  type ServeConfig,
} from "@toolwright/core";
import { fileProblem, UsageError } from "@toolwright/core/internal";
import { type Catalog, createCatalog } from "../catalog/create-catalog.js";
import type { HttpAppOptions } from "../http/http-app.js";
import type { HttpLimits } from "../http/limits.js";
import { serveHttp } from "../http/serve-http.js";
import { serveStdio } from "../serve-stdio.js";
import { createStateStore } from "../state/create-state-store.js";
import { type RawFlags, readServeConfig } from "./read-serve-config.js";
import { type ServeAnalytics, serveAnalytics } from "./serve-analytics.js";
import { closeFlags, serveFlags } from "./serve-flags.js";
import { oauthOptionsFrom } from "./serve-oauth.js";
import { SERVE_OPTIONS } from "./serve-option-table.js";

const HELP = `toolwright serve: serve a generated tool catalog as an MCP server

Usage: toolwright-serve --catalog <tool-definitions.json> [options]
Speaks MCP 2026-07-28 and 2025-11-25, 2025-06-18, 2025-03-26 on the same /mcp (and on stdio).

${SERVE_OPTIONS.map((option) => {
  const left = `  --${option.flag}${option.value ? ` ${option.value}` : ""}`;
  return `${left.padEnd(34)} ${option.help}${option.env ? ` [${option.env}]` : ""}`;
}).join("\n")}
  --config <file>                    config file whose 'serve' section sets these (default:
                                     ./toolwright.config.{ts,mts,mjs,js,json}, the first present)
  -v, --version                      print the version
  -h, --help                         show this help

Each setting is read from its flag, else its environment variable [in brackets], else the config
file's 'serve' key of the same name (camelCase, e.g. serve.eventsFile); a config file without
serve.catalog serves <out>/tool-definitions.json.
Exit codes: 0 after a clean stop (SIGINT/SIGTERM, or the stdio client closing); 1 when the server
cannot start (missing or invalid catalog, config or setting value); 2 for usage errors.
`;

const OPTIONS = {
  ...Object.fromEntries(
    SERVE_OPTIONS.map((option) => [option.flag, { type: option.kind === "boolean" ? "boolean" : "string" }]),
  ),
  config: { type: "string" },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as Record<string, { type: "string" | "boolean"; short?: string }>;

/** A missing input the server cannot start without (exit 1). */
class StartError extends Error {}

async function loadCatalog(file: string): Promise<Catalog> {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new StartError(`cannot read the catalog file '${file}': ${fileProblem(error)}`);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StartError(
      `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return createCatalog({ definitions: parseToolDefinitions(data, file) });
}

/** The default view: mode and tool set, when set. */
function viewFrom(config: ServeConfig): HttpAppOptions["view"] | undefined {
  if (!config.mode && config.toolSet === undefined) return undefined;
  return {
    ...(config.mode ? { mode: config.mode } : {}),
    ...(config.toolSet === undefined ? {} : { version: config.toolSet }),
  };
}

/**
 * Maps the settings onto the server's own options (everything but host, port and transport). A
 * relative flags file is read from `cwd`.
 */
function serverOptionsFrom(
  config: ServeConfig,
  catalog: Catalog,
  cwd: string = process.cwd(),
): HttpAppOptions {
  const view = viewFrom(config);
  const flags = serveFlags(config, cwd);
  const oauth = oauthOptionsFrom(config, config.upstream ?? catalog.upstream, cwd);
  return {
    catalog,
    ...(config.upstream ? { upstream: config.upstream } : {}),
    ...(config.appUrl ? { appBaseUrl: config.appUrl } : {}),
    ...(config.scopes ? { scopes: config.scopes } : {}),
    ...(config.introspectionPath ? { introspectionPath: config.introspectionPath } : {}),
    ...(view ? { view } : {}),
    ...(config.confirmSecret ? { confirmation: { secret: config.confirmSecret } } : {}),
    ...(config.allowedOrigins ? { allowedOrigins: config.allowedOrigins } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.allowedHosts ? { allowedHosts: config.allowedHosts } : {}),
    ...(config.maxResponseBytes === undefined ? {} : { maxResponseBytes: config.maxResponseBytes }),
    ...(config.name ? { name: config.name } : {}),
    ...(config.instructions ? { instructions: config.instructions } : {}),
    ...(flags ? { flags } : {}),
    ...(oauth ? { oauth } : {}),
  };
}

async function findConfigFile(flags: RawFlags, cwd: string): Promise<string | null> {
  if (typeof flags.config === "string") return resolve(cwd, flags.config);
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(cwd, name);
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return null;
}

function waitForSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

async function serve(flags: RawFlags, output: CliOutput): Promise<number> {
  const cwd = process.cwd();
  const config = await readServeConfig(flags, process.env, await findConfigFile(flags, cwd));
  if (!config.catalog) throw new UsageError("--catalog is required (or serve.catalog in a config file)");
  const catalog = await loadCatalog(resolve(cwd, config.catalog));
  const analytics = await serveAnalytics(config, catalog, cwd);
  const options: HttpAppOptions = {
    ...serverOptionsFrom(config, catalog, cwd),
    state: await createStateStore({ redisUrl: config.redisUrl }),
    ...(analytics ? { instrument: analytics.instrument } : {}),
  };
  try {
    return await run(config, options, analytics, output);
  } finally {
    await options.state?.close();
    await closeFlags(options.flags);
    await analytics?.shutdown();
  }
}

/** The HTTP front door's limits that were set; unset ones keep their defaults. */
function httpLimitsFrom(config: ServeConfig): HttpLimits {
  return {
    ...(config.maxConnections === undefined ? {} : { maxConnectionsPerClient: config.maxConnections }),
    ...(config.headersTimeoutMs === undefined ? {} : { headersTimeoutMs: config.headersTimeoutMs }),
    ...(config.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: config.requestTimeoutMs }),
  };
}

async function run(
  config: ServeConfig,
  options: HttpAppOptions,
  analytics: ServeAnalytics | null,
  output: CliOutput,
): Promise<number> {
  if (config.stdio) {
    const { closed } = await serveStdio({ ...options, ...(config.apiKey ? { apiKey: config.apiKey } : {}) });
    await closed;
    return 0;
  }
  const server = await serveHttp({
    ...options,
    port: config.port ?? 3333,
    host: config.host ?? "127.0.0.1",
    limits: httpLimitsFrom(config),
  });
  const events = analytics ? `; usage events to ${analytics.destination}` : "";
  const oauth = options.oauth
    ? `; OAuth tokens from ${options.oauth.issuer} for ${options.oauth.resource}`
    : "";
  output.stderr.write(
    `toolwright: serving ${options.catalog.tools.length} tools at ${server.url}${oauth}${events}\n`,
  );
  await waitForSignal();
  await server.close();
  return 0;
}

/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

function version(): string {
  return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
}

/**
 * The `serve` command: serves a catalog over HTTP (until SIGINT/SIGTERM) or stdio (until the client
 * closes). Resolves to the exit code; problems are printed to stderr as one actionable line.
 */
export async function runServeCli(argv: string[], output: CliOutput = process): Promise<number> {
  let flags: RawFlags;
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
  if (flags.version) {
    output.stdout.write(`${version()}\n`);
    return 0;
  }
  try {
    return await serve(flags, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr.write(`toolwright serve: ${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    output.stderr.write(`toolwright serve: ${isToolwrightError(error) ? error.message : message}\n`);
    return 1;
  }
}
