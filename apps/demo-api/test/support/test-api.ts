import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningDemoApi, startDemoApi } from "../../src/index.js";

/** An HTTP answer, with the body parsed as JSON when it is JSON. */
interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
  headers: Headers;
}

/** A real demo API on port 0 with a fresh database in a temp folder. */
export interface TestApi {
  api: RunningDemoApi;
  dbPath: string;
  request(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; rawBody?: string },
  ): Promise<ApiAnswer>;
  /** Stops the server (the database file stays until `dispose`). */
  close(): Promise<void>;
  /** Starts the server again on the same database file. */
  restart(): Promise<void>;
  /** Stops the server and deletes the temp folder. */
  dispose(): Promise<void>;
}

/** Starts a demo API for a test file. */
export async function startTestApi(): Promise<TestApi> {
  const folder = mkdtempSync(join(tmpdir(), "demo-api-test-"));
  const dbPath = join(folder, "demo.db");
  let api = await startDemoApi({ port: 0, dbPath });
  let running = true;
  const testApi: TestApi = {
    get api() {
      return api;
    },
    dbPath,
    async request(method, path, options = {}) {
      const key = options.key === undefined ? "tw_demo_admin" : options.key;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (key !== null) headers.authorization = `Bearer ${key}`;
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Not JSON: keep the text so the assertion shows it.
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      if (running) await api.close();
      running = false;
    },
    async restart() {
      await testApi.close();
      api = await startDemoApi({ port: 0, dbPath });
      running = true;
    },
    async dispose() {
      await testApi.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return testApi;
}

/** Creates a key in the admin's project with the given scopes and returns its secret. */
export async function createKey(
  testApi: TestApi,
  scopes: string[],
  adminKey = "tw_demo_admin",
): Promise<string> {
  const answer = await testApi.request("POST", "/api/keys", {
    key: adminKey,
    body: { name: "test", scopes },
  });
  if (answer.status !== 201) throw new Error(`key creation failed: ${JSON.stringify(answer.body)}`);
  return answer.body.key as string;
}
