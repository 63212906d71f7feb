// The direct route for a lone 2025-era tools/call (src/protocol/direct-call.ts) against the SDK's
// stateless transport it stands in for: the same requests, through both, must get the same answers,
// byte for byte; requests the route does not take still get the transport's own refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../src/calls/session.js";
import { createCatalog } from "../src/catalog/create-catalog.js";
import { directCallOf } from "../src/protocol/direct-call.js";
import { createStatelessHandler } from "../src/protocol/http-transport.js";
import { createToolwrightServer, type ToolwrightServer } from "../src/toolwright-server.js";
import { fullView } from "../src/visibility/tool-view.js";
import { testDefinitions } from "./support/catalog.js";
import { SECRET } from "./support/harness.js";
import { startUpstream, type Upstream } from "./support/upstream.js";

const HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2025-11-25",
};

let upstream: Upstream;
let toolwright: ToolwrightServer;

beforeAll(async () => {
  upstream = await startUpstream();
  toolwright = createToolwrightServer({
    catalog: createCatalog({ definitions: testDefinitions(upstream.url) }),
    confirmation: { secret: SECRET },
    logger: { warn: () => {}, error: () => {} },
  });
});
afterAll(() => upstream.close());

async function sessionOf(key: string): Promise<Session> {
  const resolution = await toolwright.resolveCaller(key);
  if (!resolution.ok) throw new Error(`key ${key} did not resolve`);
  return { caller: resolution.caller, view: fullView() };
}

const handlers = {
  direct: createStatelessHandler((session: Session, deferral) =>
    toolwright.createMcpServer(session, deferral),
  ),
  transport: createStatelessHandler(
    (session: Session, deferral) => toolwright.createMcpServer(session, deferral),
    { directCalls: false },
  ),
};

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

async function send(
  route: keyof typeof handlers,
  message: unknown,
  key = "admin",
  headers: Record<string, string> = HEADERS,
): Promise<Answer> {
  const request = new Request("http://127.0.0.1/mcp", {
    method: "POST",
    headers,
    body: JSON.stringify(message),
  });
  const response = await handlers[route](request, await sessionOf(key), message);
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: await response.text(),
  };
}

function call(name: unknown, args?: unknown, id: unknown = 7): Record<string, unknown> {
  return {
    jsonrpc: "2.0",
    id,
    method: "tools/call",
    params: { name, ...(args === undefined ? {} : { arguments: args }) },
  };
}

// Confirmation tokens are signed with a fresh nonce and expiry on every call; everything else must match.
const normalise = (body: string) =>
  body.replace(/twc1\.[A-Za-z0-9_.-]+/g, "<token>").replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<expiry>");

describe("the direct tools/call route", () => {
  const cases: Array<[string, Record<string, unknown>, string?]> = [
    ["a list, filtered and linked", call("workflows-list", {})],
    ["a string id and an output schema", call("workflows-get", { id: 1 }, "call-1")],
    ["a call without arguments", call("persons-list")],
    ["a tool outside the caller's scopes", call("workflows-create", { name: "x" }), "reader"],
    ["arguments the schema refuses", call("workflows-create", { name: "" })],
    ["a tool that does not exist", call("no-such-tool", {})],
    ["arguments that are not an object", call("workflows-list", "search")],
    ["a name that is not a string", call(42, {})],
    ["a destructive tool asking for confirmation", call("workflows-delete", { id: 1 })],
    ["an upstream that fails", call("diagnostics-run", {})],
  ];

  it.each(cases)("answers %s exactly as the SDK transport does", async (_label, message, key = "admin") => {
    expect(directCallOf(new Request("http://127.0.0.1/mcp", { headers: HEADERS }), message)).toBeDefined();
    const direct = await send("direct", message, key);
    const transport = await send("transport", message, key);
    expect(direct.status).toBe(200);
    expect({ ...direct, body: normalise(direct.body) }).toEqual({
      ...transport,
      body: normalise(transport.body),
    });
    expect(JSON.parse(direct.body)).toMatchObject({ jsonrpc: "2.0", id: message.id });
  });

  it("leaves everything else to the transport, which words the refusal", async () => {
    const plain = call("persons-list", {});
    const ineligible: Array<[Record<string, string>, Record<string, unknown>]> = [
      [{ ...HEADERS, accept: "application/json" }, plain],
      [{ ...HEADERS, "content-type": "text/plain" }, plain],
      [{ ...HEADERS, "mcp-protocol-version": "2025-03-26" }, plain],
      [HEADERS, { ...plain, params: { name: "persons-list", _meta: { progressToken: 1 } } }],
      [HEADERS, { ...plain, extra: true }],
      [HEADERS, { ...plain, id: 1.5 }],
    ];
    for (const [headers, message] of ineligible) {
      expect(directCallOf(new Request("http://127.0.0.1/mcp", { headers }), message)).toBeUndefined();
    }
    const notAcceptable = await send("direct", plain, "admin", { ...HEADERS, accept: "application/json" });
    expect(notAcceptable.status).toBe(406);
    expect(notAcceptable).toEqual(
      await send("transport", plain, "admin", { ...HEADERS, accept: "application/json" }),
    );
  });
});
