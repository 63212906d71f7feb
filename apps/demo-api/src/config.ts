import { fileURLToPath } from "node:url";

/** The port the demo API listens on unless told otherwise. */
export const DEFAULT_PORT = 4010;

/** `<repo>/.data/demo.db`: the repository root is three folders above this file's folder. */
export const DEFAULT_DB_PATH = fileURLToPath(new URL("../../../.data/demo.db", import.meta.url));

/** Reads the port from `DEMO_API_PORT`, rejecting anything that is not a port number. */
export function portFromEnvironment(environment: NodeJS.ProcessEnv = process.env): number {
  const raw = environment.DEMO_API_PORT;
  if (raw === undefined || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`DEMO_API_PORT must be a port number (0-65535), got '${raw}'`);
  }
  return port;
}

/** Reads the database path from `DEMO_API_DB`. */
export function dbPathFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.DEMO_API_DB || DEFAULT_DB_PATH;
}
