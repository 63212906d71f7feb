/**
 * Keys other pipelines that read this format use and Toolwright does not implement. A file that
 * has them still loads (they are dropped, with a warning naming each one); any other unknown key
 * stays an error.
 */
export const FOREIGN_TOOL_KEYS: Readonly<Record<string, string>> = {
  validators: "custom input validators run by another pipeline's generated code",
  agent_note: "a note for another pipeline's agent prompts",
  examples: "example calls for another pipeline's docs",
};

/** File-level keys with the same standing as `FOREIGN_TOOL_KEYS`. */
export const FOREIGN_FILE_KEYS: Readonly<Record<string, string>> = {
  agent_note: "a note for another pipeline's agent prompts",
};

/** One foreign key found in a file: where it sits (`["tools", name]` or `[]`) and its name. */
export interface ForeignKey {
  path: string[];
  key: string;
  note: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Lists the foreign keys of a parsed file, and returns a copy of the data without them. */
export function stripForeignKeys(data: unknown): { data: unknown; found: ForeignKey[] } {
  if (!isPlainObject(data)) return { data, found: [] };
  const found: ForeignKey[] = [];
  const root = { ...data };
  for (const [key, note] of Object.entries(FOREIGN_FILE_KEYS)) {
    if (Object.hasOwn(root, key)) {
      found.push({ path: [], key, note });
      delete root[key];
    }
  }
  if (isPlainObject(root.tools)) {
    const tools: Record<string, unknown> = {};
    for (const [name, tool] of Object.entries(root.tools)) {
      if (!isPlainObject(tool)) {
        tools[name] = tool;
        continue;
      }
      const copy = { ...tool };
      for (const [key, note] of Object.entries(FOREIGN_TOOL_KEYS)) {
        if (Object.hasOwn(copy, key)) {
          found.push({ path: ["tools", name], key, note });
          delete copy[key];
        }
      }
      tools[name] = copy;
    }
    root.tools = tools;
  }
  return { data: found.length > 0 ? root : data, found };
}
