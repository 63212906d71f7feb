export { type CliOutput, runServeCli } from "./run-serve-cli.js";
