import type { AdvertisedTool } from "../calls/advertised-tool.js";

type ToolList = readonly AdvertisedTool[];

/**
 * Where one HTTP request's `tools/list` answer leaves its list for the transport. The SDK answers
 * with an empty `tools` array in its place, and `spliceToolsList` puts the list's cached JSON there:
 * a list is serialised once per cached list, not once per request.
 */
export interface ListDeferral {
  tools?: ToolList;
}

// A list's JSON, kept as long as the list itself (lists are cached per scope set and view).
const serialised = new WeakMap<ToolList, Buffer>();

function jsonOf(tools: ToolList): Buffer {
  const known = serialised.get(tools);
  if (known) return known;
  const bytes = Buffer.from(JSON.stringify(tools), "utf8");
  serialised.set(tools, bytes);
  return bytes;
}

/**
 * The `tools` of a `tools/list` result: a copy of the list that everything in-process (analytics
 * hooks included) reads as the list, but that serialises as `[]` after recording itself in
 * `deferral`, so the transport can splice the cached JSON in.
 */
export function deferredTools(tools: ToolList, deferral: ListDeferral): AdvertisedTool[] {
  const copy = [...tools];
  Object.defineProperty(copy, "toJSON", {
    value: () => {
      deferral.tools = tools;
      return [];
    },
    enumerable: false,
  });
  return copy;
}

const EMPTY_TOOLS = '"tools":[]';

/**
 * The SDK's answer with the deferred list's JSON in place of its empty `tools` array. In a
 * JSON-RPC answer that text can only be the result's own key: inside any string value its quotes
 * would be escaped. Status and headers are kept (the length is the new body's).
 */
export async function spliceToolsList(response: Response, tools: ToolList): Promise<Response> {
  const text = await response.text();
  const at = text.indexOf(EMPTY_TOOLS);
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  const init = { status: response.status, statusText: response.statusText, headers };
  if (at < 0) return new Response(text, init);
  const keyEnd = at + EMPTY_TOOLS.length - 2;
  const body = Buffer.concat([
    Buffer.from(text.slice(0, keyEnd), "utf8"),
    jsonOf(tools),
    Buffer.from(text.slice(at + EMPTY_TOOLS.length), "utf8"),
  ]);
  return new Response(body, init);
}
