// `pnpm release:check`: publint and Are the Types Wrong on exactly what would be published (pnpm-packed
// tarballs), for every published package. Run after a build (the root script builds first).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packPublishedPackages } from "../test/support/pack.js";
import { repoRoot } from "../test/support/repo.js";
import { type CommandResult, runCommand } from "../test/support/run.js";

/** publint on the package as pnpm packs it; strict, so warnings fail too. */
export function runPublint(packageDir: string): Promise<CommandResult> {
  return runCommand("pnpm", ["exec", "publint", "--strict", "--pack", "pnpm"], {
    cwd: join(repoRoot, packageDir),
    timeoutMs: 60_000,
  });
}

/** Are the Types Wrong on a tarball; ESM-only packages are judged with the esm-only profile. */
export function runAttw(tarball: string): Promise<CommandResult> {
  return runCommand("pnpm", ["exec", "attw", tarball, "--profile", "esm-only", "--format", "table-flipped"], {
    cwd: repoRoot,
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    timeoutMs: 60_000,
  });
}

async function main(): Promise<number> {
  const destination = mkdtempSync(join(tmpdir(), "toolwright-release-check-"));
  let failures = 0;
  try {
    for (const packed of await packPublishedPackages(destination)) {
      for (const [tool, result] of [
        ["publint", await runPublint(packed.dir)],
        ["attw", await runAttw(packed.tarball)],
      ] as const) {
        const ok = result.code === 0;
        if (!ok) failures += 1;
        console.log(`${ok ? "ok  " : "FAIL"} ${tool} ${packed.manifest.name}`);
        if (!ok) console.log(result.stdout + result.stderr);
      }
    }
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
  console.log(
    failures === 0 ? "release:check: all packages pass." : `release:check: ${failures} failure(s).`,
  );
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main();
