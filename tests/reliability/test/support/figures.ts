import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where suites leave the figures of their last run; `pnpm report` renders them into docs/reliability.md. */
export const FIGURES_DIR = join(import.meta.dirname, "..", "..", ".results");

/** Records one suite's figures of this run (replacing the previous run's). */
export function recordFigures(suite: string, figures: Record<string, number | string>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(
    join(FIGURES_DIR, `${suite}.json`),
    `${JSON.stringify({ suite, recordedAt: new Date().toISOString(), figures }, null, 2)}\n`,
  );
}
