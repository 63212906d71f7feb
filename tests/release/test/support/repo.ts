import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root (tests/release/test/support -> four levels up). */
export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** The package.json fields the release suites look at. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  type?: string;
  sideEffects?: boolean;
  engines?: Record<string, string>;
  bin?: Record<string, string>;
  files?: string[];
  keywords?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  exports?: Record<string, ExportTarget>;
  publishConfig?: { access?: string; exports?: Record<string, ExportTarget> };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** An export-map value: a path, or conditions mapping to paths. */
export type ExportTarget = string | Record<string, string>;

/** A workspace package: its folder relative to the root and its manifest. */
export interface WorkspacePackage {
  dir: string;
  manifest: PackageManifest;
}

/** Reads a workspace package's manifest. */
export function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as PackageManifest;
}

/** Every workspace package in one group folder (`packages`, `apps`, ...), sorted by folder. */
export function workspacePackages(group: string): WorkspacePackage[] {
  return readdirSync(join(repoRoot, group))
    .filter((name) => existsSync(join(repoRoot, group, name, "package.json")))
    .sort()
    .map((name) => ({ dir: `${group}/${name}`, manifest: readManifest(`${group}/${name}`) }));
}

/** The packages that go to npm: every non-private package under packages/. */
export function publishedPackages(): WorkspacePackage[] {
  return workspacePackages("packages").filter((entry) => entry.manifest.private !== true);
}
