// The YAML rows of `pnpm bench`: is each of core's readers, and scaffold's writer, worth having?
// Every figure is one fresh Node process reading (or writing) one definition file, as a `toolwright`
// command or a starting server does, in interleaved rounds; the median of each is reported.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { percentile, table } from "@toolwright/bench";
import { load } from "js-yaml";
import { stringify } from "yaml";

const ROUNDS = 5;
const child = join(import.meta.dirname, "yaml-child.mjs");

/** One run's milliseconds, in a fresh process. */
function measure(mode: string, file: string): number {
  const output = execFileSync("node", [child, mode, file], { encoding: "utf8", maxBuffer: 1 << 20 });
  return (JSON.parse(output) as { ms: number }).ms;
}

const median = (values: number[]) => percentile(values, 50);

/**
 * The same definitions as an editor or the `yaml` library writes them: long text folded over
 * several lines, which the block reader hands on, so core reads the file with js-yaml's events.
 */
function restyle(file: string, out: string): string {
  const text = stringify(load(readFileSync(file, "utf8")), { lineWidth: 80 });
  // A folded line starts with neither a key nor a dash: the block reader's subset ends there.
  if (!/\n +[^ \-#][^:\n]*\n/.test(text)) throw new Error(`${out}: restyling folded no line`);
  writeFileSync(out, text);
  return out;
}

/** One measured run, and the run its ratio is taken against (`base`, an index; itself for none). */
interface Variant {
  name: string;
  /** How the ratio column names this run. */
  short: string;
  mode: string;
  file: string;
  base: number;
}

/** `files`: the scaffolded definition file of each spec, by label. */
export function benchYaml(files: Record<string, string>, work: string): string {
  const rows = Object.entries(files).map(([label, file]) => {
    const restyled = restyle(file, join(work, `${label}-restyled.yaml`));
    const variants: Variant[] = [
      {
        name: "scaffolded file: core (block reader)",
        short: "the block reader",
        mode: "read",
        file,
        base: 0,
      },
      { name: "scaffolded file: `yaml` document model", short: "", mode: "document", file, base: 0 },
      {
        name: "restyled file: core (js-yaml events)",
        short: "js-yaml events",
        mode: "read",
        file: restyled,
        base: 0,
      },
      { name: "restyled file: `yaml` document model", short: "", mode: "document", file: restyled, base: 2 },
      {
        name: "write: scaffold's block writer",
        short: "the block writer",
        mode: "write-block",
        file,
        base: 4,
      },
      { name: "write: js-yaml `dump`", short: "", mode: "write-js-yaml", file, base: 4 },
      { name: "write: `yaml` `stringify`", short: "", mode: "write-yaml", file, base: 4 },
    ];
    return { label: `${label} (${(readFileSync(file).length / 1e6).toFixed(2)} MB)`, variants };
  });
  const samples = rows.map((row) => row.variants.map(() => [] as number[]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [r, row] of rows.entries()) {
      for (const [v, variant] of row.variants.entries())
        samples[r]?.[v]?.push(measure(variant.mode, variant.file));
    }
  }
  const body = rows.flatMap((row, r) => {
    const medians = (samples[r] ?? []).map(median);
    return row.variants.map((variant, v) => {
      const ms = medians[v] ?? Number.NaN;
      const base = medians[variant.base] ?? Number.NaN;
      const against =
        variant.base === v ? "" : `${(ms / base).toFixed(2)}× ${row.variants[variant.base]?.short}`;
      return [v === 0 ? row.label : "", variant.name, ms.toFixed(0), against];
    });
  });
  return [
    table(["definitions", "what runs", "median ms", "ratio"], body),
    "",
    `Each figure is the median of ${ROUNDS} interleaved rounds, one fresh \`node\` process per run on the built packages, timing the call and the libraries it loads.`,
    "Reading includes validation against the definition schema and finding each tool's line. The restyled file is the scaffolded one rewritten by `yaml`'s `stringify` (long text folded over lines), the shape an editor may leave: core's block reader hands it on to js-yaml's event parser.",
    "The document model is what core falls back to for a file the fast paths decline or that fails validation (it words every YAML error and places every issue); alone, it would be core's one reader. The writers write the scaffolded file's data back.",
  ].join("\n");
}
