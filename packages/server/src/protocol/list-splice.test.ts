import { describe, expect, it } from "vitest";
import type { AdvertisedTool } from "../calls/advertised-tool.js";
import { deferredTools, type ListDeferral, spliceToolsList } from "./list-splice.js";

const tools: AdvertisedTool[] = [
  {
    name: "a-list",
    title: "List a",
    description: 'Quotes " and \\ and "tools":[] in text',
    inputSchema: { type: "object", properties: { q: { type: "string" } } },
    annotations: {
      title: "List a",
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  },
];

describe("tools/list splice", () => {
  it("reads as the list in-process and serialises as [] after recording itself", () => {
    const deferral: ListDeferral = {};
    const copy = deferredTools(tools, deferral);
    expect(copy).toEqual(tools);
    expect(deferral.tools).toBeUndefined();
    expect(JSON.stringify({ tools: copy })).toBe('{"tools":[]}');
    expect(deferral.tools).toBe(tools);
  });

  it("puts the list's JSON in the SDK's answer, keeping status, headers and the id", async () => {
    const deferral: ListDeferral = {};
    const id = 'x "tools":[] y';
    const sdkAnswer = Response.json(
      { result: { tools: deferredTools(tools, deferral), ttlMs: 60_000 }, jsonrpc: "2.0", id },
      { headers: { "mcp-extra": "kept" } },
    );
    const spliced = await spliceToolsList(sdkAnswer, deferral.tools ?? []);
    expect(spliced.status).toBe(200);
    expect(spliced.headers.get("mcp-extra")).toBe("kept");
    expect(spliced.headers.get("content-type")).toContain("application/json");
    expect(await spliced.json()).toEqual({ result: { tools, ttlMs: 60_000 }, jsonrpc: "2.0", id });
  });

  it("leaves an answer without an empty tools array as it was", async () => {
    const error = { jsonrpc: "2.0", id: 1, error: { code: -32602, message: "Invalid cursor" } };
    const spliced = await spliceToolsList(Response.json(error, { status: 200 }), tools);
    expect(await spliced.json()).toEqual(error);
  });
});
