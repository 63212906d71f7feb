/** A demo API answer: the HTTP status and the parsed JSON body (null when empty). */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** Calls the demo API directly (not through MCP) with a key; for setting up and verifying test cases. */
export async function apiRequest<T = unknown>(
  apiUrl: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const response = await fetch(new URL(path, apiUrl), {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Creates a key of the caller's project with the given scopes (`POST /api/keys`) and returns its secret. */
export async function createApiKey(
  apiUrl: string,
  adminKey: string,
  scopes: readonly string[],
): Promise<string> {
  const answer = await apiRequest<{ key?: unknown } | null>(apiUrl, adminKey, "POST", "/api/keys", {
    name: `scopes ${scopes.join(" ")}`,
    scopes,
  });
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(`POST /api/keys answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  const key = answer.body?.key;
  if (typeof key !== "string")
    throw new Error(`POST /api/keys returned no key: ${JSON.stringify(answer.body)}`);
  return key;
}
