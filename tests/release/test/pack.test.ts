// Slow (pnpm test:release): builds and packs every published package, checks the tarballs with publint and
// Are the Types Wrong, installs them all with npm into an empty folder, then imports every entry point, type-checks
// a consumer against them, and runs every bin.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runAttw, runPublint } from "../scripts/release-check.js";
import { buildPublishedPackages, type PackedPackage, packPublishedPackages } from "./support/pack.js";
import { type PackageManifest, publishedPackages, repoRoot } from "./support/repo.js";
import { type CommandResult, describeResult, runCommand } from "./support/run.js";

let workspace = "";
let consumer = "";
let packed: PackedPackage[] = [];
const pinnedSurface = JSON.parse(
  readFileSync(join(repoRoot, "tests/release/export-surface.json"), "utf8"),
) as Record<string, { entries: Record<string, Record<string, string>> }>;

/** Optional peers a consumer of some entry points installs itself (`@toolwright/codegen/testing` needs vitest). */
function optionalPeersToInstall(): string[] {
  const workspaceFile = parse(readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8")) as {
    catalog: Record<string, string>;
  };
  return ["vitest"].map((name) => `${name}@${workspaceFile.catalog[name]}`);
}

function tarballFiles(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
}

function tarballManifest(tarball: string): PackageManifest {
  return JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
}

function specifier(name: string, key: string): string {
  return key === "." ? name : `${name}/${key.slice(2)}`;
}

function inConsumer(command: string, args: string[]): Promise<CommandResult> {
  return runCommand(command, args, { cwd: consumer, timeoutMs: 60_000 });
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "toolwright-pack-"));
  consumer = join(workspace, "consumer");
  mkdirSync(consumer);
  await buildPublishedPackages();
  packed = await packPublishedPackages(workspace);
  writeFileSync(
    join(consumer, "package.json"),
    `${JSON.stringify({ name: "toolwright-consumer", private: true, type: "module" })}\n`,
  );
  // All tarballs in one install, so dependencies between our packages resolve to the packed versions.
  const install = await runCommand(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...packed.map((entry) => entry.tarball),
      ...optionalPeersToInstall(),
    ],
    { cwd: consumer, timeoutMs: 240_000 },
  );
  expect(install.code, describeResult("npm install", install)).toBe(0);
}, 600_000);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe.each(publishedPackages().map((entry) => [entry.manifest.name] as const))("%s", (name) => {
  const find = () => packed.find((entry) => entry.manifest.name === name) as PackedPackage;

  it("packs dist, bins, README and LICENSE, without sources, tests or dev scripts", () => {
    const files = tarballFiles(find().tarball);
    expect(files).toEqual(
      expect.arrayContaining(["package/package.json", "package/README.md", "package/LICENSE"]),
    );
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    for (const path of Object.values(find().manifest.bin ?? {}))
      expect(files).toContain(`package/${path.slice(2)}`);
    expect(files.filter((file) => /^package\/(src|test|bench)\/|\.test\.|\.sh$/.test(file))).toEqual([]);
  });

  it("publishes resolved versions and the exports without the source condition", () => {
    const manifest = tarballManifest(find().tarball);
    const ranges = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies });
    expect(ranges.filter((range) => /^(workspace|catalog):/.test(range))).toEqual([]);
    expect(JSON.stringify(manifest.exports)).not.toContain("@toolwright/source");
    expect(manifest.exports).toEqual(find().manifest.publishConfig?.exports);
  });

  it("passes publint (strict)", async () => {
    const result = await runPublint(find().dir);
    expect(result.code, describeResult("publint", result)).toBe(0);
  });

  it("passes Are the Types Wrong (esm-only profile)", async () => {
    const result = await runAttw(find().tarball);
    expect(result.code, describeResult("attw", result)).toBe(0);
  });

  it("imports every entry point from the installed tarball with the pinned runtime symbols", async () => {
    const entries = Object.keys(find().manifest.publishConfig?.exports ?? {}).filter(
      (key) => key !== "./package.json",
    );
    for (const key of entries) {
      const script = `const m = await import(${JSON.stringify(specifier(name, key))}); console.log(JSON.stringify(Object.keys(m).sort()));`;
      const result = await inConsumer("node", ["--input-type=module", "-e", script]);
      expect(result.code, describeResult(`import ${specifier(name, key)}`, result)).toBe(0);
      expect(JSON.parse(result.stdout), key).toEqual(Object.keys(pinnedSurface[name]?.entries[key] ?? {}));
    }
  });
});

it("type-checks a TypeScript consumer that imports every entry point", async () => {
  const imports = packed.flatMap(({ manifest }) =>
    Object.keys(manifest.publishConfig?.exports ?? {})
      .filter((key) => key !== "./package.json")
      .map(
        (key, index) =>
          `import * as ${manifest.name.slice(12)}${index} from "${specifier(manifest.name, key)}";`,
      ),
  );
  const uses = imports.map((line) => `void ${/\* as (\w+)/.exec(line)?.[1]};`);
  writeFileSync(join(consumer, "index.ts"), `${[...imports, ...uses].join("\n")}\n`);
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2023",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ["node"],
        typeRoots: [join(repoRoot, "node_modules/@types")],
      },
      files: ["index.ts"],
    }),
  );
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  const result = await inConsumer("node", [tsc, "-p", "tsconfig.json"]);
  expect(result.code, describeResult("tsc in the consumer", result)).toBe(0);
});

describe("bins", () => {
  const bin = (command: string) => join(consumer, "node_modules/.bin", command);

  it.each([
    ["toolwright", ["--help"], /Usage: toolwright <command>/],
    // Delegates to @toolwright/server's CLI, installed beside it.
    ["toolwright", ["serve", "--help"], /Usage: toolwright-serve --catalog/],
    ["toolwright-serve", ["--help"], /Usage: toolwright-serve --catalog/],
    ["toolwright-analytics", ["--help"], /Usage: toolwright-analytics report/],
  ] as const)("%s %s prints its usage and exits 0", async (command, args, usage) => {
    const result = await inConsumer(bin(command), [...args]);
    expect(result.code, describeResult(`${command} ${args.join(" ")}`, result)).toBe(0);
    expect(result.stdout + result.stderr).toMatch(usage);
  });
});
