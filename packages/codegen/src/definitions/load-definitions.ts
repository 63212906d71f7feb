import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import {
  checkDefinitionSet,
  type DefinitionIssue,
  definitionIssuesError,
  type LoadedDefinitionFile,
  safeParseDefinitionFile,
} from "@toolwright/core";
import { codegenError } from "../codegen-error.js";

/** A definition file as codegen uses it: parsed, with its absolute path and its text. */
export interface DefinitionSource extends LoadedDefinitionFile {
  /** Absolute path on disk; `file` is the path relative to the base directory, for messages. */
  absolutePath: string;
  text: string;
  /** Problems that did not stop the file loading (keys of other pipelines). */
  warnings?: DefinitionIssue[];
}

/** Finds the definition files the patterns match, sorted by path so runs are deterministic. */
export async function findDefinitionFiles(patterns: readonly string[], baseDir: string): Promise<string[]> {
  const relativePatterns = patterns.map((pattern) =>
    isAbsolute(pattern) ? relative(baseDir, pattern) || "." : pattern,
  );
  const files = relativePatterns.every(isLiteralPath)
    ? existingFiles(relativePatterns, baseDir)
    : await (await import("tinyglobby")).glob(relativePatterns, {
        cwd: baseDir,
        absolute: true,
        onlyFiles: true,
      });
  if (files.length === 0) {
    throw codegenError(
      "invalid_config",
      `no definition files match ${patterns.map((pattern) => `'${pattern}'`).join(", ")} (in ${baseDir})`,
    );
  }
  return files.sort();
}

// Glob syntax (and `\\`, an escape in globs), or a dot segment that globbing would skip unless the
// pattern spells it: such patterns go to the glob library, which defines what they match.
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]|(^|\/)\.(?!\.?(\/|$))/;

/** True for a plain relative path: the glob library would match exactly that file, if it is one. */
function isLiteralPath(pattern: string): boolean {
  return !GLOB_SYNTAX.test(pattern);
}

/**
 * The files that plain paths name (what globbing them returns, without loading the glob library:
 * the common `--definitions mcp/tools.yaml` case), each once.
 */
function existingFiles(paths: readonly string[], baseDir: string): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    const file = resolve(baseDir, path);
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) files.add(file);
  }
  return [...files];
}

/**
 * Reads and validates every definition file, then the rules across files (unique tool names).
 * Throws one `invalid_definition` error listing every problem with file, line, tool and key.
 */
export async function loadDefinitions(
  patterns: readonly string[],
  baseDir: string,
): Promise<DefinitionSource[]> {
  const files = await findDefinitionFiles(patterns, baseDir);
  const loaded: DefinitionSource[] = [];
  const issues: DefinitionIssue[] = [];
  for (const absolutePath of files) {
    const file = toPosix(relative(baseDir, absolutePath));
    const text = await readFile(absolutePath, "utf8");
    const result = safeParseDefinitionFile(text, file);
    if (result.success) {
      loaded.push({
        file,
        absolutePath,
        text,
        definition: result.data,
        toolLines: result.toolLines,
        ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
      });
    } else issues.push(...result.issues);
  }
  issues.push(...checkDefinitionSet(loaded));
  if (issues.length > 0) throw definitionIssuesError(issues);
  return loaded;
}

/** Reads a tool's `description_file`, relative to its definition file. */
export async function readDescriptionFile(source: DefinitionSource, path: string): Promise<string> {
  return (await readFile(resolve(dirname(source.absolutePath), path), "utf8")).trim();
}

/** A path with `/` separators, so outputs are the same on every OS. */
export function toPosix(path: string): string {
  return path.split("\\").join("/");
}
