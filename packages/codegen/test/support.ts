import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "../src/cli/cli-io.js";
import type { CodegenOptions } from "../src/config/codegen-config.js";

/** The checked-in fixtures (specs, definition files, generated output). */
export const FIXTURES = new URL("../src/__fixtures__/", import.meta.url).pathname;

/** A temporary copy of the fixture specs and definition files; removed by the returned cleanup. */
export function fixtureProject(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "tw-codegen-"));
  cpSync(join(FIXTURES, "specs"), join(dir, "specs"), { recursive: true });
  cpSync(join(FIXTURES, "mcp"), join(dir, "mcp"), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run options for the pets fixture inside a project directory. */
export function petsOptions(dir: string, overrides: Partial<CodegenOptions> = {}): CodegenOptions {
  return {
    baseDir: dir,
    configFile: null,
    spec: join(dir, "specs/pets-3.0.yaml"),
    definitions: ["mcp/pets.yaml"],
    out: join(dir, "out"),
    upstream: "http://127.0.0.1:4010",
    // The fixture project asks for tools.gen.ts, so the tests see every output.
    zodSchemas: true,
    ...overrides,
  };
}

/** A CLI io that records what was printed. */
export function captureIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    cwd,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    stderrIsTty: false,
    out: () => out,
    err: () => err,
  };
}
