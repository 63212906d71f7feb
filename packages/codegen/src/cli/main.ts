import { formatLocation, isToolwrightError } from "@toolwright/core";
import { UsageError } from "@toolwright/core/internal";
import { type CliIo, EXIT, processIo } from "./cli-io.js";
import { packageVersion } from "./version.js";

type Command = (argv: string[], io: CliIo) => Promise<number>;

// Loaded on demand, so `generate` does not pay for the validators `lint` needs.
const COMMANDS: Record<string, () => Promise<Command>> = {
  generate: async () => (await import("./commands/generate-command.js")).generateCommand,
  check: async () => (await import("./commands/check-command.js")).checkCommand,
  scaffold: async () => (await import("./commands/scaffold-command.js")).scaffoldCommand,
  sync: async () => (await import("./commands/sync-command.js")).syncCommand,
  lint: async () => (await import("./commands/lint-command.js")).lintCommand,
  inspect: async () => (await import("./commands/inspect-command.js")).inspectCommand,
  serve: async () => (await import("./commands/serve-command.js")).serveCommand,
};

const MAIN_HELP = `Usage: toolwright <command> [options]

Commands:
  generate   write tool-definitions.json and tool-schemas/ (tools.gen.ts with --zod-schemas) from the spec and YAML
  check      fail when generated files are stale or a definition's operation is gone (CI)
  scaffold   write a starter definition file from the spec
  sync       add new operations as disabled tools; report (--fix: remove) tools whose operation is gone
  lint       naming, unknown tool mentions, schema portability and size budgets
  inspect    bytes and estimated tokens of what tools/list carries
  serve      run the MCP server (needs @toolwright/server)

Options:
  -h, --help      show this help
  -v, --version   print the version

Run 'toolwright <command> --help' for a command's options. Commands that report take --json.
Exit codes: 0 success; 1 failure (check, lint or sync found problems, or an input such as the spec,
a definition file or the config is missing or invalid); 2 usage error (unknown command or option,
missing or malformed flag).`;

/** Runs the CLI and returns its exit code; errors are printed as messages, never stack traces. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(`${MAIN_HELP}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v" || name === "-V") {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`unknown command '${name}'\n\n${MAIN_HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    return reportError(error, name, io);
  }
}

function reportError(error: unknown, command: string, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`toolwright ${command}: ${error.message}\nRun 'toolwright ${command} --help' for usage.\n`);
    return EXIT.usage;
  }
  if (isToolwrightError(error)) {
    const where = formatLocation(error.location);
    const prefix = where && !error.message.includes(where) ? `${where}: ` : "";
    io.stderr(`toolwright ${command}: ${prefix}${error.message}\n`);
    // Missing flags (and no config file to supply them) are a usage error; any other problem is an input's.
    return error.details.usage === true ? EXIT.usage : EXIT.failure;
  }
  io.stderr(`toolwright ${command}: ${(error as Error)?.message ?? String(error)}\n`);
  return EXIT.failure;
}
