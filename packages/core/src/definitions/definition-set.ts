import type { DefinitionFile } from "./definition-file.js";
import type { DefinitionIssue } from "./definition-issue.js";

/** A parsed definition file and where it came from. */
export interface LoadedDefinitionFile {
  file: string;
  definition: DefinitionFile;
  /** Line of each tool's key, from `safeParseDefinitionFile`, for messages. */
  toolLines?: Record<string, number>;
}

/** Rules across files: tool names are unique over all files (each duplicate reported with both files). */
export function checkDefinitionSet(files: readonly LoadedDefinitionFile[]): DefinitionIssue[] {
  const firstSeen = new Map<string, string>();
  const where = (file: string, line: number | undefined) => (line === undefined ? file : `${file}:${line}`);
  const issues: DefinitionIssue[] = [];
  for (const { file, definition, toolLines } of files) {
    for (const tool of Object.keys(definition.tools)) {
      const earlier = firstSeen.get(tool);
      const line = toolLines?.[tool];
      if (earlier === undefined) {
        // The first definition's line too, so the message points at both places.
        firstSeen.set(tool, where(file, line));
        continue;
      }
      issues.push({
        file,
        ...(line === undefined ? {} : { line }),
        tool,
        path: `tools.${tool}`,
        message: `tool name '${tool}' is already defined in ${earlier}; tool names must be unique across all files`,
      });
    }
  }
  return issues;
}
