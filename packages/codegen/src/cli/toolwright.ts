// The entry of the bundled CLI that bin/toolwright.js loads: scripts/bundle-cli.mjs bundles it with
// @toolwright/core and zod into dist/cli/toolwright.js, so starting the CLI reads a few files instead
// of hundreds of modules. The library build (tsc) leaves it out; `runCli` there is the same function.
export { runCli } from "./main.js";
