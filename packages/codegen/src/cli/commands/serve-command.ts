import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type CliIo, EXIT } from "../cli-io.js";

/** The module `serve` delegates to: `@toolwright/server`, an optional peer dependency of this package. */
const SERVER_CLI = "@toolwright/server/cli";

type ServerCli = Pick<typeof import("@toolwright/server/cli"), "runServeCli">;

/** `toolwright serve`: runs @toolwright/server's CLI when it is installed (`module` is for tests). */
export async function serveCommand(argv: string[], io: CliIo, module = SERVER_CLI): Promise<number> {
  const server = await loadServerCli(io.cwd, module);
  if (!server) {
    io.stderr("toolwright serve needs @toolwright/server: npm install @toolwright/server\n");
    return EXIT.findings;
  }
  return server.runServeCli(argv);
}

/**
 * Finds the server from the user's project first (a global or npx install of this CLI does not see the
 * project's packages), then as this package's peer; null when it is not installed.
 */
async function loadServerCli(cwd: string, module: string): Promise<ServerCli | null> {
  const candidates: Array<() => Promise<ServerCli>> = [
    () => import(pathToFileURL(createRequire(join(cwd, "package.json")).resolve(module)).href),
    () => (module === SERVER_CLI ? import("@toolwright/server/cli") : import(module)),
  ];
  for (const candidate of candidates) {
    try {
      return await candidate();
    } catch (error) {
      if (!isModuleMissing(error)) throw error;
    }
  }
  return null;
}

function isModuleMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED"
  );
}
