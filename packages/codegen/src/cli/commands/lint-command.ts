import { UsageError } from "@toolwright/core/internal";
import { prepareRun } from "../../generate.js";
import { droppedPatternFindings } from "../../lint/dropped-patterns.js";
import { definitionWarningFinding, lintCatalog } from "../../lint/lint-catalog.js";
import { DEFAULT_LINT_BUDGETS, type LintFinding } from "../../lint/lint-rules.js";
import { undecidedAnnotations } from "../../lint/undecided-annotations.js";
import { type CliIo, EXIT, progressLine } from "../cli-io.js";
import { CONFIG_HELP, CONFIG_OPTIONS, codegenOptions, parseCommand } from "../command-options.js";
import { help } from "./generate-command.js";

export const LINT_HELP = `Usage: toolwright lint [options]

Checks naming, descriptions that mention tools that do not exist, and schema portability:
TW001 root-not-object, TW002 root-combinator, TW003 dangling-ref, TW004 draft-07-compile,
TW005 draft-2020-12-compile, TW006 tool-name, TW007 property-name (errors);
TW008 unknown-tool-mention, TW009 tool-bytes, TW010 total-bytes, TW011 tool-count,
TW012 undecided-annotations (a disabled POST/PUT/PATCH tool nobody has decided annotations for) (warnings).
TW013 ui-app-not-served, TW014 definition-warning (warnings).
TW020 dropped-pattern (warnings).
Exits 1 when there is an error (or any finding with --strict).

${CONFIG_HELP}
  --max-tool-bytes N   budget for one tool's tools/list entry (default ${DEFAULT_LINT_BUDGETS.maxToolBytes})
  --max-total-bytes N  budget for the whole tools/list (default ${DEFAULT_LINT_BUDGETS.maxTotalBytes})
  --strict             warnings fail too
  --json               findings as JSON
  -h, --help           show this help`;

const OPTIONS = {
  ...CONFIG_OPTIONS,
  "max-tool-bytes": { type: "string" },
  "max-total-bytes": { type: "string" },
  strict: { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** `toolwright lint`. */
export async function lintCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parseCommand(argv, OPTIONS);
  if (values.help) return help(io, LINT_HELP);
  const options = await codegenOptions(values, io.cwd);
  const onProgress = progressLine(io, "linting tools");
  const run = await prepareRun(options, onProgress ? { onProgress } : {});
  const findings = run.built.warnings.map(definitionWarningFinding);
  findings.push(
    ...lintCatalog(run.built.catalog, {
      maxToolBytes:
        byteOption(values["max-tool-bytes"], "--max-tool-bytes") ?? DEFAULT_LINT_BUDGETS.maxToolBytes,
      maxTotalBytes:
        byteOption(values["max-total-bytes"], "--max-total-bytes") ?? DEFAULT_LINT_BUDGETS.maxTotalBytes,
    }),
    ...undecidedAnnotations(run.definitions, run.spec),
  );
  findings.push(...droppedPatternFindings(run.built.registry.droppedPatterns));
  if (values.json) io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else for (const finding of findings) io.stdout(`${formatFinding(finding)}\n`);
  const errors = findings.filter((finding) => finding.severity === "error").length;
  if (!values.json)
    io.stdout(
      `${errors} error(s), ${findings.length - errors} warning(s) in ${run.built.catalog.tools.length} tools\n`,
    );
  return errors > 0 || (values.strict && findings.length > 0) ? EXIT.findings : EXIT.ok;
}

/** `file:line: tool 'x': error TW001 root-not-object: message`. */
export function formatFinding(finding: LintFinding): string {
  const where = finding.file ? `${finding.line ? `${finding.file}:${finding.line}` : finding.file}: ` : "";
  const tool = finding.tool ? `tool '${finding.tool}': ` : "";
  return `${where}${tool}${finding.severity} ${finding.rule} ${finding.name}: ${finding.message}`;
}

function byteOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new UsageError(`${flag} must be a positive whole number of bytes`);
  return number;
}
