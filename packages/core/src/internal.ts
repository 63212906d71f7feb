// Helpers the Toolwright packages share with each other. Not part of @toolwright/core's public API:
// no semver promise; anything here may change or go in any release. Users import from the main entry.
export { isRecord } from "./json/is-record.js";
