import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";

/** A compile check: null when the schema compiles, else the validator's message. */
export type CompileCheck = (schema: object) => string | null;

const OPTIONS = {
  // Strict schema mode rejects unknown keywords, which is exactly the portability question;
  // formats are annotations for clients, so unknown ones are not an error.
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  validateFormats: false,
  allErrors: false,
  code: { optimize: false },
} as const;

/** Compile checks under draft-07 and draft 2020-12 (ajv), as MCP clients validate with either. */
export function createCompileChecks(): { draft07: CompileCheck; draft2020: CompileCheck } {
  const draft07 = new Ajv(OPTIONS);
  const draft2020 = new Ajv2020(OPTIONS);
  const check =
    (ajv: Ajv | Ajv2020): CompileCheck =>
    (schema) => {
      try {
        ajv.compile(schema);
        return null;
      } catch (error) {
        return (error as Error).message;
      } finally {
        // Each tool schema is compiled once; dropping it keeps memory flat on large catalogs.
        ajv.removeSchema(schema);
      }
    };
  return { draft07: check(draft07), draft2020: check(draft2020) };
}
