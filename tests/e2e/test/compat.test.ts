import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { prepareRun, resolveOptions } from "@toolwright/codegen";
import { parseToolDefinitions } from "@toolwright/core";
import { createCatalog, localFlagProvider, type RunningHttpServer, serveHttp } from "@toolwright/server";
import { callTool, connectClient, resultJson, resultText } from "@toolwright/testkit";
import { connectClientWithHeaders } from "@toolwright/testkit/mcp-client-with-headers.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** An output's text: outputs are rendered lazily, chunk by chunk, when they are large. */
function outputText(content: string | (() => Iterable<string>) | undefined): string {
  if (content === undefined) return "{}";
  return typeof content === "string" ? content : [...content()].join("");
}

const CORPUS = new URL("../../../packages/codegen/src/__fixtures__/compat/", import.meta.url).pathname;

/** Keys of the Notebook stand-in: one in project 7, one in project 8, one that belongs to no project. */
const KEYS: Record<string, { project: { id: number; name: string } | null }> = {
  "key-seven": { project: { id: 7, name: "Seven" } },
  "key-eight": { project: { id: 8, name: "Eight" } },
  "key-none": { project: null },
};

interface Note {
  id: number;
  title: string;
  body: string;
  priority: string;
  state: "draft" | "published";
  deleted: boolean;
  internal_rev: number;
  project: number;
}

interface Logged {
  method: string;
  path: string;
  body: unknown;
}

/**
 * The Notebook API of the corpus's openapi.json on 127.0.0.1, in memory: project-scoped routes that
 * answer 404 for another project, a string `priority` it refuses as a number, and a request log.
 */
class NotebookApi {
  readonly log: Logged[] = [];
  private notes: Note[] = [
    {
      id: 1,
      title: "Plan",
      body: "",
      priority: "2",
      state: "draft",
      deleted: false,
      internal_rev: 11,
      project: 7,
    },
    {
      id: 2,
      title: "Done",
      body: "",
      priority: "1",
      state: "published",
      deleted: false,
      internal_rev: 12,
      project: 7,
    },
    {
      id: 3,
      title: "Other",
      body: "",
      priority: "3",
      state: "draft",
      deleted: false,
      internal_rev: 13,
      project: 8,
    },
  ];
  private boards = [{ id: 5, name: "Roadmap", archived: false, project: 7 }];
  private server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
    let text = "";
    for await (const chunk of request) text += chunk;
    const body: unknown = text ? JSON.parse(text) : undefined;
    const url = new URL(request.url ?? "/", "http://notebook");
    const method = request.method ?? "GET";
    const send = (status: number, data?: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(data === undefined ? "" : JSON.stringify(data));
    };
    const key = KEYS[(request.headers.authorization ?? "").replace(/^Bearer /, "")];
    if (!key) return send(401, { detail: "invalid key" });
    if (url.pathname === "/api/keys/@current") return send(200, { scopes: ["*"], project: key.project });
    this.log.push({ method, path: url.pathname, body });
    const match = /^\/api\/projects\/([^/]+)\/(notes|boards)\/(?:([^/]+)\/)?(?:(publish|export)\/)?$/.exec(
      url.pathname,
    );
    if (!match || String(key.project?.id) !== match[1]) return send(404, { detail: "not found" });
    const project = Number(match[1]);
    const [, , resource, id, action] = match;
    if (resource === "boards") return this.board(method, project, id, body, send);
    if (id === "export")
      return send(200, { format: url.searchParams.get("format") ?? "json", count: 2, engine: "v2" });
    return this.note(method, project, id, action, url, body, send);
  }

  private note(
    method: string,
    project: number,
    id: string | undefined,
    action: string | undefined,
    url: URL,
    body: unknown,
    send: (status: number, data?: unknown) => void,
  ): unknown {
    const visible = this.notes.filter((note) => note.project === project && !note.deleted);
    const view = ({ project: _project, ...note }: Note) => ({ ...note, board: null });
    if (id === undefined && method === "GET") {
      const search = url.searchParams.get("search");
      const results = visible.filter((note) => !search || note.title.includes(search)).map(view);
      return send(200, { count: results.length, next: null, results });
    }
    if (id === undefined && method === "POST") {
      const fields = body as Partial<Note>;
      if (fields.priority !== undefined && typeof fields.priority !== "string") {
        return send(400, { detail: "priority must be a string of digits" });
      }
      const note: Note = {
        id: this.notes.length + 1,
        title: String(fields.title),
        body: fields.body ?? "",
        priority: fields.priority ?? "3",
        state: "draft",
        deleted: false,
        internal_rev: 1,
        project,
      };
      this.notes.push(note);
      return send(201, view(note));
    }
    const note = visible.find((candidate) => String(candidate.id) === id);
    if (!note) return send(404, { detail: "no such note" });
    if (action === "publish") {
      if (note.state !== "draft") return send(409, { detail: "already published" });
      note.state = "published";
      return send(200, view(note));
    }
    if (method === "GET") return send(200, view(note));
    if (method === "PATCH") {
      Object.assign(note, body);
      return send(200, view(note));
    }
    if (method === "DELETE") {
      this.notes = this.notes.filter((candidate) => candidate !== note);
      return send(204);
    }
    return send(405, { detail: "method not allowed" });
  }

  private board(
    method: string,
    project: number,
    id: string | undefined,
    body: unknown,
    send: (status: number, data?: unknown) => void,
  ): unknown {
    const boards = this.boards.filter((board) => board.project === project);
    if (id === undefined) return send(200, { count: boards.length, next: null, results: boards });
    const board = boards.find((candidate) => String(candidate.id) === id);
    if (!board) return send(404, { detail: "no such board" });
    if (method === "PATCH") Object.assign(board, body);
    else if (method === "DELETE") this.boards = this.boards.filter((candidate) => candidate !== board);
    return send(200, board);
  }

  note_(id: number): Note | undefined {
    return this.notes.find((note) => note.id === id);
  }
}

const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name).sort();

describe("the compatibility corpus served end to end (codegen -> server -> SDK client)", () => {
  const api = new NotebookApi();
  let mcp: RunningHttpServer;
  const clients: Client[] = [];
  const connect = async (key: string, query: Record<string, string> = {}) => {
    const client = await connectClient(mcp.url, key, query);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const upstream = await api.start();
    const options = await resolveOptions({ config: `${CORPUS}toolwright.config.json` }, process.cwd());
    const run = await prepareRun(options);
    const definitions = parseToolDefinitions(JSON.parse(outputText(run.files.get("tool-definitions.json"))));
    mcp = await serveHttp({
      catalog: createCatalog({ definitions }),
      upstream,
      port: 0,
      // notes-export-v2 is on for project 7 only; boards-mcp is on for everyone.
      flags: localFlagProvider({ "notes-export-v2": { projects: [7] }, "boards-mcp": true }),
      confirmation: { secret: "compat-confirmation-secret-of-32-bytes-or-more" },
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await mcp?.close();
    await api.close();
  });

  it("serves tool set 1 by default and tool set 2 with ?version=2 or the header", async () => {
    const one = await names(await connect("key-seven"));
    expect(one).toEqual([
      "note-create",
      "note-delete",
      "note-get",
      "note-publish",
      "notes-export",
      "notes-list",
    ]);
    const two = await names(await connect("key-seven", { version: "2" }));
    expect(two).toEqual([
      "board-archive",
      "boards-list",
      "note-create",
      "note-delete",
      "note-get",
      "note-publish",
      "note-quick-create",
      "notes-export",
      "notes-search",
    ]);
    const byHeader = await connectClientWithHeaders(mcp.url, {
      key: "key-seven",
      headers: { "x-toolwright-version": "2" },
    });
    clients.push(byHeader);
    expect(await names(byHeader)).toEqual(two);
    const refusal = await callTool(await connect("key-seven"), "notes-search", {});
    expect(refusal.isError).toBe(true);
    expect(resultText(refusal)).toBe(
      "'notes-search' is in tool set 2, and this connection uses tool set 1. Connect with ?version=2 (or the x-toolwright-version header) to use it, or pick a tool from tools/list.",
    );
  });

  it("swaps the flag pair per project: the new exporter for project 7, the legacy one for project 8", async () => {
    expect(await names(await connect("key-seven"))).toContain("notes-export");
    const eight = await names(await connect("key-eight"));
    expect(eight).toContain("notes-export-legacy");
    expect(eight).not.toContain("notes-export");
    const gated = await callTool(await connect("key-eight"), "notes-export", {});
    expect(resultText(gated)).toBe(
      "'notes-export' is not available for this account: it is behind the feature flag 'notes-export-v2'.",
    );
  });

  it("fills project_id from the caller's project, never shows it, and refuses it from the agent", async () => {
    const client = await connect("key-seven");
    const { tools } = await client.listTools();
    for (const tool of tools)
      expect(Object.keys(tool.inputSchema.properties ?? {}), tool.name).not.toContain("project_id");
    const listed = resultJson<{ results: Array<{ id: number }> }>(await callTool(client, "notes-list", {}));
    expect(listed.results.map((note) => note.id)).toEqual([1, 2]);
    expect(api.log.at(-1)?.path).toBe("/api/projects/7/notes/");
    const forced = await callTool(client, "notes-list", { project_id: "8" });
    expect(forced.isError).toBe(true);
    expect(api.log.at(-1)?.path).toBe("/api/projects/7/notes/");
    const other = resultJson<{ results: Array<{ id: number }> }>(
      await callTool(await connect("key-eight"), "notes-list", {}),
    );
    expect(other.results.map((note) => note.id)).toEqual([3]);
  });

  it("tells a caller without a project why a project-scoped tool cannot run", async () => {
    const result = await callTool(await connect("key-none"), "notes-list", {});
    expect(result.isError).toBe(true);
    expect(resultText(result)).toBe(
      "'notes-list' works inside the caller's project, and this credential does not name one (project.id). Use a key or token that belongs to a project.",
    );
  });

  it("casts: the agent sends integers, the API receives the strings it takes", async () => {
    const client = await connect("key-seven");
    const created = await callTool(client, "note-create", { title: "Cast", priority: 4 });
    expect(created.isError).toBeFalsy();
    expect(api.log.at(-1)).toMatchObject({ method: "POST", body: { title: "Cast", priority: "4" } });
    const got = await callTool(client, "note-get", { id: 1 });
    expect(resultJson<{ title: string }>(got).title).toBe("Plan");
    const wrong = await callTool(client, "note-get", { id: "1" });
    expect(wrong.isError).toBe(true);
  });

  it("soft delete: the delete tool sends the update with deleted: true, and the note stays stored", async () => {
    const client = await connect("key-seven");
    const created = resultJson<{ id: number }>(await callTool(client, "note-create", { title: "Temp" }));
    const removed = await callTool(client, "note-delete", { id: created.id });
    expect(removed.isError).toBeFalsy();
    expect(api.log.at(-1)).toEqual({
      method: "PATCH",
      path: `/api/projects/7/notes/${created.id}/`,
      body: { deleted: true },
    });
    expect(api.note_(created.id)?.deleted).toBe(true);
    expect(api.log.some((entry) => entry.method === "DELETE")).toBe(false);
    const archived = await callTool(await connect("key-seven", { version: "2" }), "board-archive", { id: 5 });
    expect(archived.isError).toBeFalsy();
    expect(api.log.at(-1)).toEqual({
      method: "PATCH",
      path: "/api/projects/7/boards/5/",
      body: { archived: true },
    });
  });

  it("input_schema and dotted excludes shape what the agent sends", async () => {
    const client = await connect("key-seven", { version: "2" });
    const { tools } = await client.listTools();
    const quick = tools.find((tool) => tool.name === "note-quick-create");
    expect(Object.keys(quick?.inputSchema.properties ?? {})).toEqual(["title"]);
    const create = tools.find((tool) => tool.name === "note-create");
    expect(create?.inputSchema.properties?.meta).toEqual({
      type: "object",
      properties: { source: { type: "string" } },
    });
    const made = await callTool(client, "note-quick-create", { title: "Quick" });
    expect(made.isError).toBeFalsy();
    expect(api.log.at(-1)).toMatchObject({ method: "POST", body: { title: "Quick" } });
  });

  it("runs a guard whose lookup needs the caller's project: a draft publishes, a published note is refused", async () => {
    const client = await connect("key-seven");
    const first = await callTool(client, "note-publish", { id: 1 });
    expect(first.isError).toBeFalsy();
    expect(api.log.slice(-2).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "GET /api/projects/7/notes/1/",
      "POST /api/projects/7/notes/1/publish/",
    ]);
    const again = await callTool(client, "note-publish", { id: 1 });
    expect(again.isError).toBe(true);
    expect(resultText(again)).toContain("only a draft note can be published");
  });
});
