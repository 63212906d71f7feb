import { readFile } from "node:fs/promises";
import { coreError } from "../errors/toolwright-error.js";
import { fileProblem } from "../files/file-problem.js";

/**
 * The value a config file holds: parsed JSON, or the default export of a `.ts`/`.mts`/`.js`/`.mjs`
 * module (TypeScript through jiti, since Node 20 cannot strip types itself). Not validated here.
 */
export async function loadConfigModule(file: string): Promise<unknown> {
  if (file.endsWith(".json")) {
    const text = await readFile(file, "utf8").catch((error: unknown) => {
      throw coreError("invalid_config", `cannot read config file ${file}: ${fileProblem(error)}`, {
        file,
        cause: error,
      });
    });
    try {
      return JSON.parse(text);
    } catch (error) {
      throw coreError("invalid_config", `${file} is not valid JSON: ${(error as Error).message}`, {
        file,
        cause: error,
      });
    }
  }
  try {
    const { createJiti } = await import("jiti");
    return await createJiti(import.meta.url, { moduleCache: false, fsCache: false }).import(file, {
      default: true,
    });
  } catch (error) {
    const problem =
      (error as { code?: unknown })?.code === "ENOENT" ? fileProblem(error) : (error as Error).message;
    throw coreError("invalid_config", `cannot load config file ${file}: ${problem}`, {
      file,
      cause: error,
    });
  }
}
