import type { ObjectJsonSchema, OperationBinding } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { nextPageArguments } from "./next-page.js";

const persons: OperationBinding = {
  operationId: "persons_list",
  method: "GET",
  path: "/api/persons",
  arguments: [
    { argument: "limit", in: "query", name: "limit" },
    { argument: "offset", in: "query", name: "offset" },
    { argument: "search", in: "query", name: "search" },
    { argument: "tags", in: "query", name: "tag" },
    { argument: "dry", in: "query", name: "dry" },
  ],
  body: null,
};
const personsSchema: ObjectJsonSchema = {
  type: "object",
  properties: {
    limit: { type: "integer" },
    offset: { type: "integer" },
    search: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
    dry: { type: "boolean" },
  },
};

const items: OperationBinding = {
  operationId: "items_list",
  method: "GET",
  path: "/api/projects/{project_id}/items",
  arguments: [
    { argument: "project_id", in: "path", name: "project_id" },
    { argument: "trace", in: "header", name: "X-Trace" },
    { argument: "limit", in: "query", name: "limit" },
    { argument: "offset", in: "query", name: "offset" },
  ],
  body: null,
};
const itemsSchema: ObjectJsonSchema = {
  type: "object",
  properties: {
    project_id: { type: "string" },
    trace: { type: "string" },
    limit: { type: "integer" },
    offset: { type: "integer" },
  },
};

describe("nextPageArguments", () => {
  it("turns the next URL's query into this tool's arguments, typed by its schema", () => {
    const next = "http://127.0.0.1:4010/api/persons?limit=5&offset=5&search=ada&tag=a&tag=b&dry=true";
    expect(nextPageArguments(next, persons, personsSchema, { limit: 5, search: "ada" })).toEqual({
      limit: 5,
      offset: 5,
      search: "ada",
      tags: ["a", "b"],
      dry: true,
    });
  });

  it("takes the URL's query as the whole query and keeps path and header arguments", () => {
    const args = { project_id: "p 1", trace: "t-1", limit: 2, offset: 0 };
    const next = "https://api.example.com/v1/api/projects/p%201/items?limit=2&offset=2";
    expect(nextPageArguments(next, items, itemsSchema, args)).toEqual({
      project_id: "p 1",
      trace: "t-1",
      limit: 2,
      offset: 2,
    });
    // Without offset in the URL, the old offset is not carried over.
    expect(nextPageArguments("/api/projects/p%201/items?limit=2", items, itemsSchema, args)).toEqual({
      project_id: "p 1",
      trace: "t-1",
      limit: 2,
    });
  });

  it("drops a confirmation token from the arguments", () => {
    const next = "http://x.test/api/persons?offset=5";
    expect(nextPageArguments(next, persons, personsSchema, { confirmation_token: "t" })).toEqual({
      offset: 5,
    });
  });

  it("is null when the URL is not a page of this tool", () => {
    const args = { project_id: "p1" };
    // Another resource, another project, a parameter the tool cannot send, values its schema rejects.
    expect(nextPageArguments("http://x.test/api/cohorts?offset=5", persons, personsSchema, {})).toBeNull();
    expect(
      nextPageArguments("http://x.test/api/projects/p2/items?offset=2", items, itemsSchema, args),
    ).toBeNull();
    expect(nextPageArguments("http://x.test/api/persons?cursor=abc", persons, personsSchema, {})).toBeNull();
    expect(nextPageArguments("http://x.test/api/persons?offset=abc", persons, personsSchema, {})).toBeNull();
    expect(nextPageArguments("http://x.test/api/persons?offset=1.5", persons, personsSchema, {})).toBeNull();
    expect(
      nextPageArguments("http://x.test/api/persons?offset=1&offset=2", persons, personsSchema, {}),
    ).toBeNull();
    expect(nextPageArguments("http://x.test/api/persons?dry=yes", persons, personsSchema, {})).toBeNull();
    expect(nextPageArguments("http://[bad", persons, personsSchema, {})).toBeNull();
  });
});
