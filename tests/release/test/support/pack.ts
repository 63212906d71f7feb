import { join } from "node:path";
import { publishedPackages, repoRoot, type WorkspacePackage } from "./repo.js";
import { describeResult, runCommand } from "./run.js";

/** A packed package: where it lives in the repo and its tarball. */
export interface PackedPackage extends WorkspacePackage {
  tarball: string;
}

/** Builds the published packages (and what they depend on) to dist with turbo; throws with the output on failure. */
export async function buildPublishedPackages(): Promise<void> {
  const result = await runCommand(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=./packages/*", "--output-logs=errors-only"],
    { cwd: repoRoot, timeoutMs: 280_000 },
  );
  if (result.code !== 0) throw new Error(describeResult("turbo run build", result));
}

/** The file name `pnpm pack` gives a package's tarball. */
function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;
}

/** Packs every published package with pnpm, which rewrites workspace:/catalog: ranges and applies publishConfig. */
export async function packPublishedPackages(destination: string): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = [];
  for (const entry of publishedPackages()) {
    const result = await runCommand("pnpm", ["pack", "--pack-destination", destination], {
      cwd: join(repoRoot, entry.dir),
      timeoutMs: 60_000,
    });
    if (result.code !== 0) throw new Error(describeResult(`pnpm pack in ${entry.dir}`, result));
    packed.push({
      ...entry,
      tarball: join(destination, tarballName(entry.manifest.name, entry.manifest.version)),
    });
  }
  return packed;
}
