// `pnpm report`: renders the figures the suites recorded in .results/ (by `pnpm test`, `pnpm fuzz`,
// `pnpm load`, `pnpm conformance`) into the "Last run" section of docs/reliability.md.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FIGURES_DIR } from "../test/support/figures.js";

const REPORT = fileURLToPath(new URL("../../../docs/reliability.md", import.meta.url));
const START = "<!-- reliability:figures:start -->";
const END = "<!-- reliability:figures:end -->";

interface Recorded {
  suite: string;
  recordedAt: string;
  figures: Record<string, number | string>;
}

const recorded: Recorded[] = existsSync(FIGURES_DIR)
  ? readdirSync(FIGURES_DIR)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(FIGURES_DIR, name), "utf8")) as Recorded)
  : [];

const rows = recorded.map(({ suite, recordedAt, figures }) => {
  const values = Object.entries(figures)
    .map(([name, value]) => `${name}: ${value}`)
    .join("; ");
  return `| ${suite} | ${recordedAt.slice(0, 16).replace("T", " ")} UTC | ${values} |`;
});
const section = [START, "| Suite | Recorded | Figures |", "| --- | --- | --- |", ...rows, END].join("\n");
const current = readFileSync(REPORT, "utf8");
const pattern = new RegExp(`${START}[\\s\\S]*?${END}`);
if (!pattern.test(current)) throw new Error(`${REPORT} has no ${START} … ${END} section`);
writeFileSync(
  REPORT,
  current.replace(pattern, () => section),
);
console.log(`wrote ${recorded.length} suites' figures into ${REPORT}`);
