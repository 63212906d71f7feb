import { DEMO_USERS } from "./auth/demo-users.js";
import { DEMO_KEYS } from "./scopes.js";
import { startDemoApi } from "./server.js";

/** Starts the demo API, prints how to use it, and stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const api = await startDemoApi();
  console.log(`Toolwright demo API listening on ${api.url}`);
  console.log(`  database: ${api.dbPath}`);
  console.log(`  OpenAPI:  ${api.url}/openapi.json`);
  console.log(`  admin key (scope *):       ${DEMO_KEYS.admin.key}`);
  console.log(`  reader key (every :read):  ${DEMO_KEYS.reader.key}`);
  if (api.auth) {
    console.log(`Demo OAuth authorization server: ${api.auth.issuer}`);
    for (const user of DEMO_USERS) {
      const access = user.scopes.every((scope) => scope.endsWith(":read")) ? "read only" : "read and write";
      console.log(`  sign in as ${user.username} / ${user.password}  (project ${user.projectId}, ${access})`);
    }
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down`);
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`demo API failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
