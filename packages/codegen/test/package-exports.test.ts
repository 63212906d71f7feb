import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as codegen from "../src/index.js";
import * as testing from "../src/testing/index.js";

const packageDir = new URL("..", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));

describe("published surface", () => {
  it("pins the export map keys, in the workspace and when published", () => {
    expect(Object.keys(manifest.exports)).toEqual([".", "./testing", "./package.json"]);
    expect(Object.keys(manifest.publishConfig.exports)).toEqual([".", "./testing", "./package.json"]);
    for (const entry of [".", "./testing"]) {
      expect(existsSync(join(packageDir, manifest.exports[entry]["@toolwright/source"]))).toBe(true);
    }
    expect(manifest.bin).toEqual({ toolwright: "./bin/toolwright.js" });
  });

  it("exports the documented entry points", () => {
    for (const name of [
      "generate",
      "check",
      "prepareRun",
      "resolveOptions",
      "loadSpec",
      "scaffold",
      "planSync",
      "lintCatalog",
      "toolListSize",
      "runCli",
    ]) {
      expect(typeof (codegen as Record<string, unknown>)[name], name).toBe("function");
    }
    expect(Object.keys(testing).sort()).toEqual(["describeToolSchemaSnapshots", "orphanedSnapshotFiles"]);
  });
});
