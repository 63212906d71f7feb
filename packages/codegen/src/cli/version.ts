import { createRequire } from "node:module";

/**
 * This package's version, read from its package.json. The sources (`src/cli/`), the tsc output
 * (`dist/cli/`) and the bundled CLI (`dist/cli/toolwright.js`) all sit two folders below it.
 */
export function packageVersion(): string {
  return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
}
