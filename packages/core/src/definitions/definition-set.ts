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
  const issues: DefinitionIssue[] = [];
  for (const { file, definition, toolLines } of files) {
    for (const tool of Object.keys(definition.tools)) {
      const earlier = firstSeen.get(tool);
      if (earlier === undefined) {
        firstSeen.set(tool, file);
        continue;
      }
      const line = toolLines?.[tool];
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
