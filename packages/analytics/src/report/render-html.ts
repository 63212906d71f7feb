import { escapeHtml } from "./escape-html.js";
import type { GroupUsage, UsageInsights } from "./insights.js";
import { type Bar, barChart, HALF, timeChart } from "./render-charts.js";
import { formatMs, formatRate } from "./render-terminal.js";
import type { Counted, ToolUsage, UsageSummary } from "./summarize.js";

function table(headers: string[], rows: (string | number)[][]): string {
  if (rows.length === 0) return '<p class="empty">None recorded.</p>';
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function toolTable(tools: ToolUsage[]): string {
  return table(
    ["Tool", "Calls", "Errors", "Error rate", "p50", "p95"],
    tools.map((tool) => [
      tool.name,
      tool.calls,
      tool.errors,
      formatRate(tool.errorRate),
      formatMs(tool.p50Ms),
      formatMs(tool.p95Ms),
    ]),
  );
}

function countedSection(title: string, items: Counted[]): string {
  const body =
    items.length === 0
      ? '<p class="empty">None recorded.</p>'
      : `<ol>${items.map((item) => `<li><span class="count">${item.count}×</span> ${escapeHtml(item.text)}</li>`).join("")}</ol>`;
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function groupBars(groups: GroupUsage[]): Bar[] {
  return groups.flatMap((group) => [
    {
      label: group.name,
      value: group.calls,
      text: `${plural(group.calls, "call")} · ${plural(group.sessions, "session")}`,
    },
    ...(group.errors > 0
      ? [{ label: "", value: group.errors, text: `${group.errors} failed`, tone: "error" as const }]
      : []),
  ]);
}

function groupSection(title: string, caption: string, groups: GroupUsage[]): string {
  const chart = barChart(caption, groupBars(groups), HALF) || '<p class="empty">None recorded.</p>';
  return `<section class="half"><h2>${escapeHtml(title)}</h2>${chart}</section>`;
}

const KIND_LABELS: Record<string, string> = {
  scope_refusal: "scope refusal",
  guard_refusal: "guard refusal",
  invalid_arguments: "invalid arguments",
  upstream_4xx: "upstream 4xx",
  upstream_5xx: "upstream 5xx",
  timeout: "timeout",
  unavailable: "tool unavailable / upstream down",
  exception: "exception",
  tool_error: "other tool error",
};

function kindLabel(kind: string): string {
  const [base = kind, guard] = kind.split(":");
  const label = KIND_LABELS[base] ?? base;
  return guard ? `${label}: ${guard}` : label;
}

function insightSections(insights: UsageInsights): string {
  const errorKinds = barChart(
    "Failed calls by kind",
    insights.errorKinds.map((entry) => ({
      label: kindLabel(entry.kind),
      value: entry.count,
      text: String(entry.count),
      tone: "error" as const,
    })),
  );
  const confirm = barChart(
    "Confirm tools: prepared vs executed",
    insights.confirm.flatMap((entry) => [
      {
        label: `${entry.tool} · prepared`,
        value: entry.prepared,
        text: String(entry.prepared),
        tone: "muted" as const,
      },
      { label: `${entry.tool} · executed`, value: entry.executed, text: String(entry.executed) },
      ...(entry.failed > 0
        ? [
            {
              label: `${entry.tool} · token refused`,
              value: entry.failed,
              text: String(entry.failed),
              tone: "error" as const,
            },
          ]
        : []),
    ]),
  );
  const paths = barChart(
    "What agents call next (top paths within sessions)",
    insights.paths.map((path) => ({
      label: `${path.from} → ${path.to}`,
      value: path.count,
      text: `${path.count}×`,
    })),
  );
  return [
    `<section>${timeChart("Tool calls over time", insights.overTime, insights.bucketMs) || '<p class="empty">No tool calls recorded.</p>'}</section>`,
    `<div class="columns">${groupSection("By client", "Calls and failures per MCP client", insights.byClient)}${groupSection("By caller", "Calls and failures per caller (distinct id)", insights.byCaller)}</div>`,
    `<section><h2>Failures</h2>${errorKinds || '<p class="empty">No failed calls.</p>'}</section>`,
    `<section><h2>Confirmations</h2>${confirm || '<p class="empty">No confirm tool was called.</p>'}</section>`,
    `<section><h2>Next steps</h2>${paths || '<p class="empty">No session had two calls.</p>'}</section>`,
  ].join("\n");
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1040px;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:1.6rem}
.meta{color:#5b6475}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d9dee8;border-radius:8px;padding:.6rem 1rem;min-width:120px}
.card b{display:block;font-size:1.4rem}
.columns{display:flex;gap:1.5rem;flex-wrap:wrap}.half{flex:1 1 440px;min-width:0}
table{border-collapse:collapse;width:100%}th,td{padding:.35rem .6rem;border-bottom:1px solid #e6e9f0;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:.6rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
svg text{font-size:12px;fill:#1d2330}.bar{fill:#3b6fd8}.error{fill:#d8473b}.muted{fill:#9aa8c7}.axis{stroke:#9aa3b5}
.legend{margin:.1rem 0 .4rem;color:#5b6475}.swatch{display:inline-block;width:10px;height:10px;margin:0 .3rem 0 .6rem;border-radius:2px}
.swatch.bar{background:#3b6fd8}.swatch.error{background:#d8473b}
.count{display:inline-block;min-width:3em;color:#5b6475}.empty{color:#5b6475}
`;

/** A self-contained HTML page (inline CSS and SVG, no scripts, no network) showing the summary. */
export function renderHtmlReport(summary: UsageSummary): string {
  const errorRate = summary.toolCalls === 0 ? 0 : summary.errors / summary.toolCalls;
  const period = summary.from ? `${summary.from} → ${summary.to}` : "no events";
  const cards = [
    ["Tool calls", String(summary.toolCalls)],
    ["Error rate", formatRate(errorRate)],
    ["Sessions", String(summary.sessions)],
    ["Callers", String(summary.insights.byCaller.length)],
    ["Tools used", String(summary.tools.length)],
    ["Never called", String(summary.neverCalled.length)],
  ]
    .map(
      ([label, value]) =>
        `<div class="card">${escapeHtml(label ?? "")}<b>${escapeHtml(value ?? "")}</b></div>`,
    )
    .join("");
  const toolCharts = [
    barChart(
      "Calls per tool",
      summary.tools.map((tool) => ({ label: tool.name, value: tool.calls, text: String(tool.calls) })),
    ),
    barChart(
      "Error rate per tool",
      summary.tools.map((tool) => ({
        label: tool.name,
        value: tool.errorRate,
        text: formatRate(tool.errorRate),
        tone: "error" as const,
      })),
    ),
    barChart(
      "p95 duration per tool",
      summary.tools.map((tool) => ({ label: tool.name, value: tool.p95Ms ?? 0, text: formatMs(tool.p95Ms) })),
    ),
  ].join("\n");
  const never =
    summary.neverCalled.length === 0
      ? '<p class="empty">Every listed tool was called.</p>'
      : `<ul>${summary.neverCalled.map((name) => `<li>${escapeHtml(name)}</li>`).join("")}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>MCP usage report</title><style>${STYLE}</style></head>
<body>
<h1>MCP usage report</h1>
<p class="meta">${escapeHtml(period)} · ${summary.events} events</p>
<div class="cards">${cards}</div>
${insightSections(summary.insights)}
<h2>Tools</h2>
${toolCharts}
${toolTable(summary.tools)}
${countedSection("Top intents", summary.topIntents)}
${countedSection("Missing capabilities", summary.missingCapabilities)}
<section><h2>Tools never called</h2>${never}</section>
</body></html>
`;
}
