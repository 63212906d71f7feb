// Shared benchmark harness: machine description, timing helpers, and one writer for docs/benchmarks.md.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;
export const BENCHMARKS_FILE = join(ROOT, "docs", "benchmarks.md");

/** One line describing the machine a result was measured on. */
export function machine() {
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Median and other percentiles of a list of numbers (nearest-rank). */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Runs a command under `/usr/bin/time -v` and returns wall seconds, peak RSS (MiB) and exit code.
 * Falls back to wall time only when GNU time is missing.
 */
export function timeCommand(command, args, options = {}) {
  const haveTime = existsSync("/usr/bin/time");
  const started = process.hrtime.bigint();
  const result = haveTime
    ? spawnSync("/usr/bin/time", ["-v", command, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
        ...options,
      })
    : spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 28, ...options });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? "");
  return {
    wallSeconds,
    peakRssMiB: rss ? Number(rss[1]) / 1024 : null,
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
  };
}

/** The current git commit, for the record. */
export function commit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "uncommitted";
  }
}

/**
 * Replaces (or appends) one named section of docs/benchmarks.md, stamped with the date, machine,
 * commit and the command that produced it. Sections of other benchmarks are left as they are.
 */
export function writeBenchSection(id, title, command, markdown) {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const body = [
    start,
    `## ${title}`,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} at commit \`${commit()}\` on ${machine()}.`,
    `Command: \`${command}\``,
    "",
    markdown.trim(),
    end,
  ].join("\n");
  const header =
    "# Benchmarks\n\nEvery figure here was written by `pnpm bench` (or the command shown with it); none is typed by hand.\n";
  const current = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, "utf8") : header;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current)
    ? current.replace(pattern, () => body)
    : `${current.trimEnd()}\n\n${body}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
}

/** A markdown table from a header row and data rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
