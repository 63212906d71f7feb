// Helpers the Toolwright packages share with each other. Not part of @toolwright/core's public API:
// no semver promise; anything here may change or go in any release. Users import from the main entry.
export { loadConfigModule } from "./config/load-config-module.js";
export { errorFactory } from "./errors/toolwright-error.js";
export { UsageError } from "./errors/usage-error.js";
export { fileProblem } from "./files/file-problem.js";
export { resolveTemplate, templatePlaceholders } from "./guards/templates.js";
export { canonicalJson, sortKeys } from "./json/canonical-json.js";
export { getPath } from "./json/dot-path.js";
export { isRecord } from "./json/is-record.js";
export { REDACTED, redactSecrets } from "./secrets/redact-secrets.js";
