#!/usr/bin/env node
// `prepack` of every published package: builds it (and the workspace packages it depends on) with turbo,
// then refuses to pack when an entry point or bin target is missing, so a tarball never ships without dist/.
// `--check-only` skips the build and only checks.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.cwd();
const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

const checkOnly = process.argv.includes("--check-only");
const build = checkOnly
  ? { status: 0 }
  : spawnSync(
      "pnpm",
      ["exec", "turbo", "run", "build", `--filter=${manifest.name}...`, "--output-logs=errors-only"],
      { cwd: dir, stdio: "inherit" },
    );
if (build.status !== 0) {
  console.error(`${manifest.name}: the build failed, so nothing is packed.`);
  process.exit(1);
}

/** Every file the published manifest points at: export targets and bins, and what each bin imports. */
function requiredFiles() {
  const targets = [];
  const walk = (value) => {
    if (typeof value === "string") targets.push(value);
    else if (value && typeof value === "object") for (const child of Object.values(value)) walk(child);
  };
  walk(manifest.publishConfig?.exports ?? manifest.exports);
  for (const bin of Object.values(manifest.bin ?? {})) {
    targets.push(bin);
    const text = readFileSync(join(dir, bin), "utf8");
    for (const [, path] of text.matchAll(/["'](\.\.\/dist\/[^"']+)["']/g))
      targets.push(join(bin, "..", path));
  }
  return targets.filter((target) => !target.endsWith("package.json"));
}

const missing = requiredFiles().filter((target) => !existsSync(join(dir, target)));
if (missing.length > 0) {
  console.error(`${manifest.name}: not packing, these published files are missing: ${missing.join(", ")}`);
  process.exit(1);
}
