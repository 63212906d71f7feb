/** POSTs one JSON-RPC message to an MCP endpoint as a Streamable HTTP client would, with a bearer token if given. */
export function postMcp(url: string, token: string | undefined, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}
