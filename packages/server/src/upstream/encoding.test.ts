import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request.js";
import { encodeForm } from "./form-encoding.js";
import { queryPairs } from "./query-encoding.js";

describe("query serialisation", () => {
  const query = (
    style: Parameters<typeof queryPairs>[0]["style"],
    explode: boolean | undefined,
    value: unknown,
  ) =>
    queryPairs(
      {
        argument: "x",
        in: "query",
        name: "x",
        ...(style ? { style } : {}),
        ...(explode === undefined ? {} : { explode }),
      },
      value,
    );

  it("defaults to form, exploded", () => {
    expect(query(undefined, undefined, ["a", "b"])).toEqual([
      ["x", "a"],
      ["x", "b"],
    ]);
    expect(query(undefined, undefined, { a: 1, b: true })).toEqual([
      ["a", "1"],
      ["b", "true"],
    ]);
  });

  it("joins unexploded arrays with the style's delimiter", () => {
    expect(query("form", false, ["a", "b"])).toEqual([["x", "a,b"]]);
    expect(query("spaceDelimited", false, ["a", "b"])).toEqual([["x", "a b"]]);
    expect(query("pipeDelimited", false, ["a", "b"])).toEqual([["x", "a|b"]]);
    expect(query("form", false, { a: 1, b: 2 })).toEqual([["x", "a,1,b,2"]]);
  });

  it("nests deepObject", () => {
    expect(query("deepObject", true, { a: { b: 1 }, c: [2] })).toEqual([
      ["x[a][b]", "1"],
      ["x[c][0]", "2"],
    ]);
  });
});

describe("form bodies", () => {
  const deepObject = { style: "deepObject" as const, explode: true };

  it("nests deepObject fields Stripe-style; null becomes empty", () => {
    expect(
      decodeURIComponent(
        encodeForm(
          { a: { b: { c: 1 } }, list: ["x", { y: 2 }], gone: null, skip: undefined },
          () => deepObject,
        ),
      ),
    ).toBe("a[b][c]=1&list[0]=x&list[1][y]=2&gone=");
  });

  it("repeats an array's name by default (style form, explode true), as OpenAPI specifies", () => {
    expect(encodeForm({ StatusCallbackEvent: ["initiated", "ringing"], To: "+1" })).toBe(
      "StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&To=%2B1",
    );
  });

  it("joins an unexploded array and follows each field's own encoding", () => {
    const encodings = { tags: { style: "form" as const, explode: false }, meta: deepObject };
    expect(
      decodeURIComponent(
        encodeForm(
          { tags: ["a", "b"], meta: { k: "v" } },
          (name) => encodings[name as keyof typeof encodings],
        ),
      ),
    ).toBe("tags=a,b&meta[k]=v");
  });
});

describe("request building", () => {
  const binding = {
    operationId: "op",
    method: "POST" as const,
    path: "/api/items/{id}/notes",
    arguments: [
      { argument: "id", in: "path" as const, name: "id" },
      { argument: "trace", in: "header" as const, name: "x-trace" },
      { argument: "text", in: "body" as const, name: "text" },
    ],
    body: { contentType: "application/json" as const, required: false, mode: "fields" as const },
  };

  it("URL-encodes path parameters and keeps the base path", () => {
    const request = buildRequest("http://host/base/", binding, { id: "a/b c", trace: "t1", text: "hi" });
    expect(request.url.toString()).toBe("http://host/base/api/items/a%2Fb%20c/notes");
    expect(request.headers.get("x-trace")).toBe("t1");
    expect(request.body).toBe('{"text":"hi"}');
  });

  it("sends no body when an optional body has no fields", () => {
    const request = buildRequest("http://host", binding, { id: 1 });
    expect(request.body).toBeUndefined();
    expect(request.headers.get("content-type")).toBeNull();
  });

  it("sends one argument as the whole body in `argument` mode", () => {
    const request = buildRequest(
      "http://host",
      {
        ...binding,
        body: { contentType: "application/json", required: true, mode: "argument", argument: "text" },
      },
      { id: 1, text: ["raw", "list"] },
    );
    expect(request.body).toBe('["raw","list"]');
  });

  it("sends fixed query pairs and headers the binding carries", () => {
    const request = buildRequest(
      "http://host/base",
      {
        operationId: "AssociateKmsKey",
        method: "POST",
        path: "/",
        arguments: [{ argument: "limit", in: "query", name: "limit" }],
        body: null,
        fixed: [
          { in: "query", name: "Action", value: "List" },
          { in: "header", name: "X-Amz-Target", value: "Logs_20140328.AssociateKmsKey" },
        ],
      },
      { limit: 5 },
    );
    expect(request.url.toString()).toBe("http://host/base/?Action=List&limit=5");
    expect(request.headers.get("x-amz-target")).toBe("Logs_20140328.AssociateKmsKey");
  });

  it("sends a text body as given, with its content type", () => {
    const request = buildRequest(
      "http://host",
      { ...binding, body: { contentType: "text/xml", required: true, mode: "argument", argument: "text" } },
      { id: 1, text: "<a>1</a>" },
    );
    expect(request.body).toBe("<a>1</a>");
    expect(request.headers.get("content-type")).toBe("text/xml");
  });
});
