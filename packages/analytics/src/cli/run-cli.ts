import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isToolwrightError } from "@toolwright/core";
import { loadEvents } from "../report/load-events.js";
import { renderHtmlReport } from "../report/render-html.js";
import { renderTerminalReport } from "../report/render-terminal.js";
import { summarizeEvents } from "../report/summarize.js";
import { DEFAULT_EVENTS_FILE } from "../sinks/jsonl-file-sink.js";

/** Where the CLI writes; injectable so tests can capture output. */
export interface CliOutput {
  out(text: string): void;
  error(text: string): void;
}

/** The `--help` text. */
const HELP = `Usage: toolwright-analytics report [--events FILE] [--out FILE] [--json]

Summarizes MCP usage events written by @toolwright/analytics's JSONL sink.

Commands:
  report            print a summary (calls per tool, error rate, p50/p95 duration, top intents,
                    missing capabilities, tools never called) and write an HTML report

Options:
  --events FILE     events file to read (default: ${DEFAULT_EVENTS_FILE})
  --out FILE        HTML report to write (default: report.html); open it in any browser, offline
  --top N           how many intents and missing capabilities to list (default: 10)
  --json            print the summary as JSON instead (no HTML report unless --out is given)
  -v, --version     print the version
  -h, --help        show this help

Exit codes: 0 success, 1 the events file is missing or unreadable, 2 usage error.
`;

/** A parser message as a sentence: `Unknown option '--x'` without parseArgs's advice on `--`. */
function usageMessage(error: unknown): string {
  const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "");
  return `toolwright-analytics: ${message}. Run 'toolwright-analytics --help' for usage.\n`;
}

function version(): string {
  return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
}

/** Runs the CLI with arguments (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], output: CliOutput): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.error(usageMessage(error));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(HELP);
    return 0;
  }
  if (values.version) {
    output.out(`${version()}\n`);
    return 0;
  }
  if (positionals[0] !== "report" || positionals.length > 1) {
    output.error(
      `Unknown command: ${positionals.join(" ") || "(none)"}. Try: toolwright-analytics report\n\n${HELP}`,
    );
    return 2;
  }
  const top = Number(values.top ?? 10);
  if (!Number.isInteger(top) || top < 1) {
    output.error(`--top must be a positive whole number, got ${values.top}.\n`);
    return 2;
  }
  const events = values.events ?? DEFAULT_EVENTS_FILE;
  if (values.json) return jsonReport(events, values.out, top, output);
  return report(events, values.out ?? "report.html", top, output);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      events: { type: "string" },
      out: { type: "string" },
      top: { type: "string" },
      json: { type: "boolean" },
      version: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function report(eventsFile: string, outFile: string, top: number, output: CliOutput): Promise<number> {
  try {
    const { events, skippedLines } = await loadEvents(eventsFile);
    const summary = summarizeEvents(events, top);
    output.out(renderTerminalReport(summary));
    if (skippedLines > 0)
      output.error(`Skipped ${skippedLines} line(s) of ${eventsFile} that are not events.\n`);
    const target = resolve(outFile);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, renderHtmlReport(summary), "utf8");
    output.out(`\nHTML report: ${target}\n`);
    return 0;
  } catch (error) {
    output.error(
      `${isToolwrightError(error) ? error.message : `Report failed: ${(error as Error).message}`}\n`,
    );
    return 1;
  }
}

/** `--json`: the summary on stdout as JSON; the HTML page only when `--out` asks for it. */
async function jsonReport(
  eventsFile: string,
  outFile: string | undefined,
  top: number,
  output: CliOutput,
): Promise<number> {
  try {
    const { events, skippedLines } = await loadEvents(eventsFile);
    const summary = summarizeEvents(events, top);
    output.out(`${JSON.stringify({ eventsFile, skippedLines, ...summary }, null, 2)}\n`);
    if (outFile) {
      const target = resolve(outFile);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, renderHtmlReport(summary), "utf8");
    }
    return 0;
  } catch (error) {
    output.error(
      `${isToolwrightError(error) ? error.message : `Report failed: ${(error as Error).message}`}\n`,
    );
    return 1;
  }
}
