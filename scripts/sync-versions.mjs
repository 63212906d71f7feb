#!/usr/bin/env node
// Keeps version constants that ship inside package code equal to their package.json version.
// `pnpm version-packages` runs it right after `changeset version`; `--check` only reports drift (CI).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Each constant: the package whose version it mirrors, the file that declares it, and its declaration. */
const CONSTANTS = [
  {
    packageDir: "packages/analytics",
    file: "src/events/vocabulary.ts",
    pattern: /(export const LIBRARY_VERSION = ")([^"]*)(";)/,
  },
];

const root = process.env.TOOLWRIGHT_REPO_ROOT ?? join(import.meta.dirname, "..");
const checkOnly = process.argv.includes("--check");

function syncOne({ packageDir, file, pattern }) {
  const { name, version } = JSON.parse(readFileSync(join(root, packageDir, "package.json"), "utf8"));
  const path = join(root, packageDir, file);
  const text = readFileSync(path, "utf8");
  const match = pattern.exec(text);
  if (!match)
    throw new Error(
      `${packageDir}/${file}: no declaration matching ${pattern} (update scripts/sync-versions.mjs)`,
    );
  if (match[2] === version) return { name, file, status: "in sync", version };
  if (checkOnly)
    return { name, file, status: `drift: ${match[2]} in code, ${version} in package.json`, version };
  writeFileSync(path, text.replace(pattern, `$1${version}$3`));
  return { name, file, status: `updated ${match[2]} -> ${version}`, version };
}

let drift = false;
for (const constant of CONSTANTS) {
  const result = syncOne(constant);
  if (result.status.startsWith("drift")) drift = true;
  console.log(`${result.name} ${constant.packageDir}/${result.file}: ${result.status}`);
}
if (drift) {
  console.error("Run `node scripts/sync-versions.mjs` (or `pnpm version-packages`) to fix the drift.");
  process.exit(1);
}
