// Pins each published package's export-map keys and the runtime symbols of every entry point, so a change
// to the public surface is a deliberate, reviewed diff of export-surface.json.
// Regenerate on purpose with `pnpm --filter @toolwright/release-tests surface:update`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { publishedPackages } from "./support/repo.js";

/** Per package: its export-map keys, and per importable entry its symbol names mapped to their runtime kind. */
type Surface = Record<string, { exports: string[]; entries: Record<string, Record<string, string>> }>;

const surfaceFile = fileURLToPath(new URL("../export-surface.json", import.meta.url));
const updating = process.env.TOOLWRIGHT_SURFACE_UPDATE === "1";

/** `function`, `class`, `object`, `string`, ...: enough to notice a constant turning into a function. */
function kindOf(value: unknown): string {
  if (typeof value === "function")
    return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? "class" : "function";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

async function entrySymbols(specifier: string): Promise<Record<string, string>> {
  // Resolved through the "@toolwright/source" condition (vitest config), so no build is needed.
  const module = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(module)
      .sort()
      .map((name) => [name, kindOf(module[name])]),
  );
}

async function currentSurface(): Promise<Surface> {
  const surface: Surface = {};
  for (const { manifest } of publishedPackages()) {
    const keys = Object.keys(manifest.exports ?? {});
    const entries: Record<string, Record<string, string>> = {};
    for (const key of keys.filter((entry) => entry !== "./package.json")) {
      entries[key] = await entrySymbols(key === "." ? manifest.name : `${manifest.name}/${key.slice(2)}`);
    }
    surface[manifest.name] = { exports: keys, entries };
  }
  return surface;
}

it("matches the checked-in export surface (update deliberately with surface:update)", async () => {
  const surface = await currentSurface();
  if (updating) writeFileSync(surfaceFile, `${JSON.stringify(surface, null, 2)}\n`);
  expect(existsSync(surfaceFile), "run `pnpm --filter @toolwright/release-tests surface:update`").toBe(true);
  const pinned = JSON.parse(readFileSync(surfaceFile, "utf8")) as Surface;
  expect(
    surface,
    "the public surface changed: review it, then run `pnpm --filter @toolwright/release-tests surface:update` and commit the diff",
  ).toEqual(pinned);
});

it("pins only named, documented kinds of symbols (no default export from an entry point)", async () => {
  const surface = await currentSurface();
  for (const [name, { entries }] of Object.entries(surface)) {
    for (const [entry, symbols] of Object.entries(entries)) {
      expect(Object.keys(symbols), `${name} ${entry}`).not.toContain("default");
      expect(Object.keys(symbols).length, `${name} ${entry} exports nothing`).toBeGreaterThan(0);
    }
  }
});
