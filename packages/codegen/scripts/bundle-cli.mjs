// `postbuild`: bundles the CLI (src/cli/toolwright.ts with @toolwright/core and zod) into
// dist/cli/toolwright.js for bin/toolwright.js. Loading one bundle instead of hundreds of ES modules
// saves most of the CLI's start-up; the library (tsc to dist) and the package's exports are unchanged.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";

const packageDir = join(import.meta.dirname, "..");

// Chunk names carry content hashes: clear the previous build's so the package ships only this one's.
await rm(join(packageDir, "dist", "cli", "chunks"), { recursive: true, force: true });

const result = await build({
  entryPoints: { toolwright: join(packageDir, "src", "cli", "toolwright.ts") },
  outdir: join(packageDir, "dist", "cli"),
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // In-repo, @toolwright/core resolves to its sources, as in tests; the published bundle is the same code.
  conditions: ["@toolwright/source"],
  // Loaded only by some commands or inputs (lint, YAML or multi-file specs, globs): kept as the
  // package's own dependencies, loaded from node_modules when needed, as the library does. Core loads
  // yaml and js-yaml with `createRequire(import.meta.url)`, and jiti (for a TypeScript config file) with
  // `import()`; in the bundle both resolve from this package: that is why it lists them as dependencies too.
  external: [
    "ajv",
    "ajv/*",
    "@apidevtools/json-schema-ref-parser",
    "tinyglobby",
    "yaml",
    "js-yaml",
    "jiti",
    "@toolwright/server",
  ],
  // Not minified: stack traces keep readable names and lines.
  minify: false,
  legalComments: "inline",
  logLevel: "warning",
  metafile: true,
});

// Fails the build when an `import { z } from "zod"` (which esbuild cannot tree-shake) brought every locale back.
const bundled = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path),
);
const locales = bundled.filter((input) => /zod[\\/]v4[\\/]locales[\\/](?!en\.js)/.test(input));
if (locales.length > 0)
  throw new Error(
    `the CLI bundle includes zod locales (${locales[0]}, ...): import zod as \`import * as z from "zod"\` so it can be tree-shaken`,
  );
