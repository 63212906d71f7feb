// `pnpm --filter @toolwright/fidelity report`: runs the fidelity check on every spec of the suite and
// writes the rate per spec to docs/benchmarks.md (the suite itself fails below 100%).
import { table, writeBenchSection } from "@toolwright/bench";
import { FIDELITY_SPECS } from "../src/fidelity-specs.js";
import { fetchSpecs, runSpecFidelity } from "../src/run-fidelity.js";

const files = fetchSpecs(FIDELITY_SPECS.map((spec) => spec.id));
const rows: string[][] = [];
for (const { id, sample, outputSchemas } of FIDELITY_SPECS) {
  const result = await runSpecFidelity(id, files[id] as string, sample, outputSchemas);
  const rate = result.called === 0 ? "n/a" : `${((100 * result.faithful) / result.called).toFixed(1)}%`;
  const output = outputSchemas
    ? `${result.withOutputSchema} (${result.structured} structured, ${result.driftAnswers} drift as isError)`
    : "off";
  rows.push([id, String(result.tools), String(result.called), String(result.faithful), rate, output]);
  for (const failure of result.failures)
    console.error(`${id} ${failure.tool}: ${failure.problems.join("; ")}`);
}
const notes = [
  "Each spec's every operation is scaffolded as an enabled tool and generated; the catalog is served by",
  "`@toolwright/server` against a recording upstream on 127.0.0.1; a seeded sample of tools is called through",
  "the MCP SDK client with arguments generated from each tool's own input schema (json-schema-faker), and",
  "every recorded request is checked against its OpenAPI operation by openapi-backend plus wire checks",
  "(method, path template, literal query, content type, no undocumented query parameter or form field).",
  "Where output schemas are on, the client lists tools first, so the SDK client validates each result against",
  "them; the upstream answers `{}`, so results either match (structuredContent) or drift (an isError result",
  "carrying the answer). No call threw.",
].join("\n");
const markdown = `${table(["spec", "tools", "called", "faithful", "rate", "calls with outputSchema"], rows)}\n\n${notes}`;
writeBenchSection(
  "fidelity",
  "Request fidelity per spec",
  "pnpm --filter @toolwright/fidelity report",
  markdown,
);
console.log(markdown);
