import { formatMs, formatRate } from "./render-terminal.js";
import type { Counted, ToolUsage, UsageSummary } from "./summarize.js";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

interface Bar {
  label: string;
  value: number;
  text: string;
  tone?: "error";
}

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 200;
const BAR_WIDTH = 420;

// Inline SVG so the page needs no script and no network to draw its charts.
function barChart(title: string, bars: Bar[]): string {
  if (bars.length === 0) return "";
  const max = Math.max(...bars.map((bar) => bar.value), 1e-9);
  const height = bars.length * ROW_HEIGHT + 8;
  const rows = bars
    .map((bar, index) => {
      const y = index * ROW_HEIGHT + 4;
      const width = Math.max(1, Math.round((bar.value / max) * BAR_WIDTH));
      const label = escapeHtml(bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label);
      return [
        `<text x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${label}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="${ROW_HEIGHT - 6}" class="${bar.tone ?? "bar"}"/>`,
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + 14}">${escapeHtml(bar.text)}</text>`,
      ].join("");
    })
    .join("\n");
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 90} ${height}" width="100%">${rows}</svg></figure>`;
}

function toolTable(tools: ToolUsage[]): string {
  const rows = tools
    .map(
      (tool) =>
        `<tr><td>${escapeHtml(tool.name)}</td><td>${tool.calls}</td><td>${tool.errors}</td><td>${formatRate(tool.errorRate)}</td><td>${formatMs(tool.p50Ms)}</td><td>${formatMs(tool.p95Ms)}</td></tr>`,
    )
    .join("\n");
  return `<table><thead><tr><th>Tool</th><th>Calls</th><th>Errors</th><th>Error rate</th><th>p50</th><th>p95</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function countedSection(title: string, items: Counted[]): string {
  const body =
    items.length === 0
      ? '<p class="empty">None recorded.</p>'
      : `<ol>${items.map((item) => `<li><span class="count">${item.count}×</span> ${escapeHtml(item.text)}</li>`).join("")}</ol>`;
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem}
.meta{color:#5b6475}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d9dee8;border-radius:8px;padding:.6rem 1rem;min-width:120px}
.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%}th,td{padding:.35rem .6rem;border-bottom:1px solid #e6e9f0;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
svg text{font-size:12px;fill:#1d2330}.bar{fill:#3b6fd8}.error{fill:#d8473b}
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
    ["Tools used", String(summary.tools.length)],
    ["Never called", String(summary.neverCalled.length)],
  ]
    .map(
      ([label, value]) =>
        `<div class="card">${escapeHtml(label ?? "")}<b>${escapeHtml(value ?? "")}</b></div>`,
    )
    .join("");
  const charts = [
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
${charts}
<h2>Tools</h2>
${toolTable(summary.tools)}
${countedSection("Top intents", summary.topIntents)}
${countedSection("Missing capabilities", summary.missingCapabilities)}
<section><h2>Tools never called</h2>${never}</section>
</body></html>
`;
}
