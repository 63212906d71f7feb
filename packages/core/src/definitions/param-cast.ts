import * as z from "zod";

/**
 * How a parameter's value is converted between the agent and the API. The name reads
 * `<what the API takes>-<what the agent sends>`: `string-int` means the API's schema says
 * string and the agent sends an integer, which is sent as its decimal string.
 */
export const ParamCastSchema = z.enum([
  "string-int",
  "string-number",
  "string-boolean",
  "int-string",
  "number-string",
  "boolean-string",
  "json-string",
]);
export type ParamCast = z.infer<typeof ParamCastSchema>;

/** What the agent is told to send for each cast: the schema it sees, and a sentence for its description. */
export const PARAM_CAST_INPUT: Record<ParamCast, { schema: Record<string, unknown>; note: string }> = {
  "string-int": { schema: { type: "integer" }, note: "Send an integer." },
  "string-number": { schema: { type: "number" }, note: "Send a number." },
  "string-boolean": { schema: { type: "boolean" }, note: "Send true or false." },
  "int-string": {
    schema: { type: "string", pattern: "^-?[0-9]+$" },
    note: 'Send the integer as a string of digits, e.g. "42".',
  },
  "number-string": {
    schema: { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" },
    note: 'Send the number as a string, e.g. "1.5".',
  },
  "boolean-string": {
    schema: { type: "string", enum: ["true", "false"] },
    note: 'Send "true" or "false".',
  },
  "json-string": {
    schema: {},
    note: "Send the value as JSON (an object, array or scalar), not as a string.",
  },
};

/**
 * Converts one argument the agent sent into what the API takes. The input schema has already
 * checked the agent's value, so a value of another shape is passed through unchanged.
 */
export function applyParamCast(cast: ParamCast, value: unknown): unknown {
  switch (cast) {
    case "string-int":
    case "string-number":
    case "string-boolean":
      return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
    case "int-string":
      return typeof value === "string" && /^-?[0-9]+$/.test(value) ? Number.parseInt(value, 10) : value;
    case "number-string":
      return typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))
        ? Number(value)
        : value;
    case "boolean-string":
      return value === "true" ? true : value === "false" ? false : value;
    case "json-string":
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
