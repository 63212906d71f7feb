/**
 * The specs the fidelity suite checks, each with how many of its tools are called (a seeded sample
 * when smaller than the spec). Ids are those of `scripts/fetch-specs.mjs`. With `outputSchemas`, the
 * catalog advertises output schemas and the client lists them first, so the SDK client validates
 * every result against them (Stripe's would add 158 MB to `tools/list`, so it is left out there).
 */
export const FIDELITY_SPECS = [
  { id: "stripe", sample: 100, outputSchemas: false },
  { id: "github", sample: 100, outputSchemas: true },
  { id: "twilio", sample: 200, outputSchemas: true },
  { id: "aws-logs", sample: 100, outputSchemas: true },
  { id: "okta", sample: 100, outputSchemas: false },
  { id: "azure-keyvault-secrets", sample: 100, outputSchemas: false },
  { id: "mandrill", sample: 100, outputSchemas: false },
  { id: "google-calendar", sample: 100, outputSchemas: true },
] as const;

type FidelitySpecId = (typeof FIDELITY_SPECS)[number]["id"];

/** The seed of the tool sample and of every generated argument: a failure reproduces exactly. */
export const FIDELITY_SEED = 20;
