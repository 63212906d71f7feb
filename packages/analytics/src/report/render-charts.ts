import { escapeHtml } from "./escape-html.js";
import type { TimeBucket } from "./insights.js";

/** One horizontal bar: its label, its length and the text shown after it. */
export interface Bar {
  label: string;
  value: number;
  text: string;
  tone?: "error" | "muted";
}

const ROW_HEIGHT = 22;

/** Column widths of a bar chart: full page width, or half for charts side by side. */
export interface BarLayout {
  labelWidth: number;
  barWidth: number;
}

const FULL: BarLayout = { labelWidth: 240, barWidth: 400 };

/** The layout of a chart that shares the row with another. */
export const HALF: BarLayout = { labelWidth: 110, barWidth: 200 };

function shorten(label: string, max = 36): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function figure(title: string, svg: string, legend = ""): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>${legend}${svg}</figure>`;
}

/** A horizontal bar chart as inline SVG (no script, no network). */
export function barChart(title: string, bars: Bar[], layout: BarLayout = FULL): string {
  if (bars.length === 0) return "";
  const { labelWidth: LABEL_WIDTH, barWidth: BAR_WIDTH } = layout;
  const labelLength = Math.round(LABEL_WIDTH / 6.5);
  const max = Math.max(...bars.map((bar) => bar.value), 1e-9);
  const height = bars.length * ROW_HEIGHT + 8;
  const rows = bars
    .map((bar, index) => {
      const y = index * ROW_HEIGHT + 4;
      const width = bar.value <= 0 ? 0 : Math.max(2, Math.round((bar.value / max) * BAR_WIDTH));
      return [
        `<text x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(shorten(bar.label, labelLength))}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="${ROW_HEIGHT - 6}" class="${bar.tone ?? "bar"}"/>`,
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + 14}">${escapeHtml(bar.text)}</text>`,
      ].join("");
    })
    .join("\n");
  const svg = `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 130} ${height}" width="100%">${rows}</svg>`;
  return figure(title, svg);
}

const TIME_WIDTH = 720;
const TIME_HEIGHT = 180;
const AXIS = 34;

function timeLabel(iso: string, bucketMs: number): string {
  const text = iso.replace("T", " ").replace(/\.\d{3}Z$/, "");
  if (bucketMs >= 24 * 60 * 60 * 1000) return text.slice(0, 10);
  return bucketMs >= 60_000 ? text.slice(5, 16) : text.slice(5);
}

/** Calls per time bucket as columns, the failed part of each column in the error color. */
export function timeChart(title: string, buckets: TimeBucket[], bucketMs: number): string {
  if (buckets.length === 0) return "";
  const max = Math.max(...buckets.map((bucket) => bucket.calls), 1);
  const plotHeight = TIME_HEIGHT - 24;
  const slot = (TIME_WIDTH - AXIS) / buckets.length;
  const barWidth = Math.max(1, Math.min(28, slot * 0.8));
  const scale = (value: number) => (value / max) * plotHeight;
  const columns = buckets
    .map((bucket, index) => {
      const x = (AXIS + index * slot + (slot - barWidth) / 2).toFixed(1);
      const okHeight = scale(bucket.calls - bucket.errors);
      const errorHeight = scale(bucket.errors);
      const top = plotHeight - okHeight - errorHeight + 4;
      const tip = `${timeLabel(bucket.start, bucketMs)}: ${bucket.calls} calls, ${bucket.errors} errors`;
      return [
        `<g><title>${escapeHtml(tip)}</title>`,
        `<rect x="${x}" y="${(top + errorHeight).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${okHeight.toFixed(1)}" class="bar"/>`,
        errorHeight > 0
          ? `<rect x="${x}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${errorHeight.toFixed(1)}" class="error"/>`
          : "",
        "</g>",
      ].join("");
    })
    .join("\n");
  const first = buckets[0]?.start ?? "";
  const last = buckets.at(-1)?.start ?? "";
  const axis = [
    `<line x1="${AXIS}" y1="${plotHeight + 4}" x2="${TIME_WIDTH}" y2="${plotHeight + 4}" class="axis"/>`,
    `<text x="${AXIS - 6}" y="12" text-anchor="end">${max}</text>`,
    `<text x="${AXIS - 6}" y="${plotHeight + 4}" text-anchor="end">0</text>`,
    `<text x="${AXIS}" y="${TIME_HEIGHT - 4}">${escapeHtml(timeLabel(first, bucketMs))}</text>`,
    `<text x="${TIME_WIDTH}" y="${TIME_HEIGHT - 4}" text-anchor="end">${escapeHtml(timeLabel(last, bucketMs))} (UTC)</text>`,
  ].join("");
  const legend = `<p class="legend"><span class="swatch bar"></span>succeeded <span class="swatch error"></span>failed · one column per ${escapeHtml(widthName(bucketMs))}</p>`;
  const svg = `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${TIME_WIDTH + 10} ${TIME_HEIGHT}" width="100%">${axis}${columns}</svg>`;
  return figure(title, svg, legend);
}

function widthName(bucketMs: number): string {
  if (bucketMs < 60_000) return bucketMs === 1000 ? "second" : `${bucketMs / 1000} seconds`;
  const minutes = bucketMs / 60_000;
  if (minutes < 60) return minutes === 1 ? "minute" : `${minutes} minutes`;
  const hours = minutes / 60;
  if (hours < 24) return hours === 1 ? "hour" : `${hours} hours`;
  return "day";
}
