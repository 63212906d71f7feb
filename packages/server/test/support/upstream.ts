import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

/** What the fake upstream saw, so tests can check what the server really sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  authorization: string | null;
  contentType: string | null;
  body: string;
}

const KEYS = {
  admin: { project: { id: 1, name: "Acme" }, scopes: ["*"] },
  beta: { project: { id: 2, name: "Globex" }, scopes: ["*"] },
  reader: {
    project: { id: 1, name: "Acme" },
    scopes: [
      "workflow:read",
      "person:read",
      "integration:read",
      "insight:read",
      "diagnostic:read",
      "project:read",
    ],
  },
  flows: { project: { id: 1, name: "Acme" }, scopes: ["hog_flow:write", "workflow:read"] },
  /** A key whose lookup names its id, as most products' introspection does. */
  named: { id: "key_42", project: { id: 1, name: "Acme" }, scopes: ["workflow:read"] },
} as const;

type KeyName = keyof typeof KEYS;

interface Workflow {
  id: number;
  name: string;
  status: string;
  description: string | null;
  secret_note: string;
  owner: { id: number; email: string };
  audience: number;
}

function workflowsOf(project: number): Workflow[] {
  const prefix = project === 1 ? "Acme" : "Globex";
  return [
    {
      id: 1,
      name: `${prefix} onboarding`,
      status: "active",
      description: null,
      secret_note: "internal",
      owner: { id: 7, email: "ana@example.com" },
      audience: 42,
    },
    {
      id: 2,
      name: `${prefix} winback`,
      status: "draft",
      description: "Bring users back",
      secret_note: "internal",
      owner: { id: 8, email: "bo@example.com" },
      audience: 10,
    },
    {
      id: 3,
      name: `${prefix} blast`,
      status: "active",
      description: null,
      secret_note: "internal",
      owner: { id: 7, email: "ana@example.com" },
      audience: 5000,
    },
  ];
}

const INTEGRATIONS: Record<string, { id: number; kind: string }> = {
  "1": { id: 1, kind: "slack" },
  "2": { id: 2, kind: "webhook" },
};

function keyOf(header: string | undefined): KeyName | undefined {
  const key = header?.replace(/^Bearer /, "");
  return key && key in KEYS ? (key as KeyName) : undefined;
}

function routes(app: Hono, state: { flaky: number; introspections: number }) {
  app.get("/api/keys/@current", (c) => {
    state.introspections += 1;
    const key = keyOf(c.req.header("authorization"));
    return key ? c.json(KEYS[key]) : c.json({ detail: "Invalid API key" }, 401);
  });
  app.use("/api/*", async (c, next) => {
    const key = keyOf(c.req.header("authorization"));
    if (!key) return c.json({ detail: "Invalid API key" }, 401);
    c.set("project" as never, KEYS[key].project.id as never);
    return next();
  });
  const project = (c: { get: (key: never) => unknown }) => c.get("project" as never) as number;
  app.get("/api/whoami", (c) => c.json({ project: project(c) }));
  app.get("/api/workflows", (c) => {
    const search = c.req.query("search");
    const results = workflowsOf(project(c)).filter(
      (flow) => !search || flow.name.toLowerCase().includes(search),
    );
    return c.json({ count: results.length, query: new URL(c.req.url).search, results });
  });
  app.get("/api/workflows/:id", (c) => {
    const flow = workflowsOf(project(c)).find((item) => String(item.id) === c.req.param("id"));
    return flow ? c.json(flow) : c.json({ detail: "Workflow not found." }, 404);
  });
  app.get("/api/workflows/:id/audience", (c) => {
    const flow = workflowsOf(project(c)).find((item) => String(item.id) === c.req.param("id"));
    return flow ? c.json({ count: flow.audience }) : c.json({ detail: "Workflow not found." }, 404);
  });
  app.post("/api/workflows", async (c) => c.json({ id: 99, ...(await c.req.json()) }, 201));
  app.post("/api/workflows/:id/run", async (c) =>
    c.json({ started: true, id: Number(c.req.param("id")), body: await c.req.json() }),
  );
  app.post("/api/workflows/:id/archive", (c) => c.json({ archived: Number(c.req.param("id")) }));
  app.delete("/api/workflows/:id", (c) => c.json({ deleted: Number(c.req.param("id")) }));
  app.get("/api/integrations/:id", (c) => {
    const integration = INTEGRATIONS[c.req.param("id")];
    return integration ? c.json(integration) : c.json({ detail: "Integration not found." }, 404);
  });
  app.post("/api/integrations/:id/messages", async (c) => c.json({ sent: true, body: await c.req.json() }));
  app.post("/api/contacts/import", async (c) => c.json({ received: await c.req.text() }));
  app.post("/api/files", async (c) => {
    const form = await c.req.formData();
    const file = form.get("file");
    return c.json({
      name: form.get("name"),
      file: file instanceof File ? { type: file.type, text: await file.text(), filename: file.name } : null,
    });
  });
  app.get("/api/insights", (c) => c.json({ insights: ["beta"] }));
  app.get("/api/legacy", (c) => c.json({ legacy: true }));
  app.get("/api/persons", (c) => c.json({ results: [{ id: 1, email: "ana@example.com", name: null }] }));
  app.get("/api/diagnostics/slow", async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return c.json({ slow: true });
  });
  app.get("/api/diagnostics/fail", (c) => c.json({ detail: "database exploded" }, 500));
  app.get("/api/diagnostics/badjson", (c) =>
    c.body("{not json", 200, { "content-type": "application/json" }),
  );
  app.get("/api/diagnostics/flaky", (c) => {
    state.flaky += 1;
    return state.flaky % 2 === 1 ? c.json({ detail: "try again" }, 503) : c.json({ flaky: "recovered" });
  });
  app.get("/api/diagnostics/big", (c) =>
    c.json({
      results: Array.from({ length: 3_000 }, (_, index) => ({ id: index, label: `item number ${index}` })),
    }),
  );
}

/** A small real product API on 127.0.0.1 with keys, scopes and projects, recording every request. */
export async function startUpstream() {
  const requests: RecordedRequest[] = [];
  const state = { flaky: 0, introspections: 0 };
  const app = new Hono();
  app.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    const body = ["GET", "HEAD"].includes(c.req.method) ? "" : await c.req.raw.clone().text();
    requests.push({
      method: c.req.method,
      path: url.pathname,
      query: url.search,
      authorization: c.req.header("authorization") ?? null,
      contentType: c.req.header("content-type") ?? null,
      body,
    });
    return next();
  });
  routes(app, state);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    state,
    /** Requests to the product API proper (not key introspection). */
    calls: () => requests.filter((request) => request.path !== "/api/keys/@current"),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections: () => void }).closeAllConnections();
      }),
  };
}

export type Upstream = Awaited<ReturnType<typeof startUpstream>>;
