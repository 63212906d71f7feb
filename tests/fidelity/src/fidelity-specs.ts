/**
 * The specs the fidelity suite checks, each with how many of its tools are called (a seeded sample
 * when smaller than the spec). Ids are those of `scripts/fetch-specs.mjs`.
 */
export const FIDELITY_SPECS = [
  { id: "stripe", sample: 100 },
  { id: "github", sample: 100 },
  { id: "twilio", sample: 200 },
  { id: "aws-logs", sample: 100 },
  { id: "okta", sample: 100 },
  { id: "azure-keyvault-secrets", sample: 100 },
  { id: "mandrill", sample: 100 },
  { id: "google-calendar", sample: 100 },
] as const;

export type FidelitySpecId = (typeof FIDELITY_SPECS)[number]["id"];

/** The seed of the tool sample and of every generated argument: a failure reproduces exactly. */
export const FIDELITY_SEED = 20;
