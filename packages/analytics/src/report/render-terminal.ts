import type { UsageSummary } from "./summarize.js";

/** Formats milliseconds for tables. */
export function formatMs(value: number | null): string {
  if (value === null) return "-";
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** Formats a 0..1 rate as a percentage. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  return [line(headers), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)];
}

function countedList(title: string, items: { text: string; count: number }[]): string[] {
  if (items.length === 0) return [title, "  (none)"];
  return [title, ...items.map((item) => `  ${String(item.count).padStart(4)}  ${item.text}`)];
}

/** The plain-text summary printed by `toolwright-analytics report`. */
export function renderTerminalReport(summary: UsageSummary): string {
  const period = summary.from ? `${summary.from} → ${summary.to}` : "no events";
  const errorRate = summary.toolCalls === 0 ? 0 : summary.errors / summary.toolCalls;
  const lines = [
    `MCP usage report (${period})`,
    `${summary.events} events, ${summary.sessions} sessions, ${summary.toolCalls} tool calls, ${formatRate(errorRate)} errors`,
    "",
    "Calls per tool",
    ...table(
      ["tool", "calls", "errors", "error rate", "p50", "p95"],
      summary.tools.map((tool) => [
        tool.name,
        String(tool.calls),
        String(tool.errors),
        formatRate(tool.errorRate),
        formatMs(tool.p50Ms),
        formatMs(tool.p95Ms),
      ]),
    ).map((line) => `  ${line}`),
    "",
    ...insightLines(summary),
    "",
    ...countedList("Top intents", summary.topIntents),
    "",
    ...countedList("Missing capabilities", summary.missingCapabilities),
    "",
    "Tools never called",
    summary.neverCalled.length === 0 ? "  (none)" : `  ${summary.neverCalled.join(", ")}`,
  ];
  return `${lines.join("\n")}\n`;
}

function insightLines(summary: UsageSummary): string[] {
  const { insights } = summary;
  const groups = (title: string, items: typeof insights.byClient) => [
    title,
    ...table(
      ["name", "calls", "errors", "sessions"],
      items.map((item) => [item.name, String(item.calls), String(item.errors), String(item.sessions)]),
    ).map((line) => `  ${line}`),
  ];
  return [
    ...groups("By client", insights.byClient),
    "",
    ...groups("By caller", insights.byCaller),
    "",
    ...countedList(
      "Failed calls by kind",
      insights.errorKinds.map((entry) => ({ text: entry.kind, count: entry.count })),
    ),
    "",
    ...countedList(
      "Confirm tools (prepared / executed / token refused)",
      insights.confirm.map((entry) => ({
        text: `${entry.tool}: ${entry.prepared} / ${entry.executed} / ${entry.failed}`,
        count: entry.prepared + entry.executed + entry.failed,
      })),
    ),
    "",
    ...countedList(
      "Next tool within a session",
      insights.paths.map((path) => ({ text: `${path.from} -> ${path.to}`, count: path.count })),
    ),
  ];
}
