/** The fixed seed of every fuzz run, so a failure replays exactly. */
export const FUZZ_SEED = 20_261_121;

/** Runs per property: the default keeps `pnpm test` fast; `pnpm fuzz` multiplies it (RELIABILITY_FUZZ_SCALE). */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env.RELIABILITY_FUZZ_SCALE ?? "1");
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? Math.min(scale, 100) : 1)));
}

/** A test's time limit for `base` ms of default-size fuzzing, scaled like the runs. */
export function fuzzTimeout(base: number): number {
  return Math.round((base * fuzzRuns(1000)) / 1000);
}

/** The name a fuzz suite records its figures under: `pnpm fuzz` runs are kept apart from `pnpm test` runs. */
export function fuzzSuiteName(suite: string): string {
  const runs = fuzzRuns(1000);
  return runs === 1000 ? suite : `${suite} (×${runs / 1000})`;
}
