/** A raw HTTP call to the demo API with a bearer key; answers the status and the parsed JSON body. */
export async function apiRequest(
  apiUrl: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL(path, apiUrl), {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Creates a key of the demo project with these scopes through `POST /api/keys`, using the admin key. */
export async function createScopedKey(
  apiUrl: string,
  adminKey: string,
  scopes: readonly string[],
): Promise<string> {
  const created = await apiRequest(apiUrl, adminKey, "POST", "/api/keys", {
    name: `scopes ${scopes.join(",")}`,
    scopes,
  });
  if (created.status !== 201 && created.status !== 200) {
    throw new Error(`POST /api/keys answered ${created.status}: ${JSON.stringify(created.body)}`);
  }
  const key = created.body.key ?? created.body.secret;
  if (typeof key !== "string")
    throw new Error(`POST /api/keys returned no key: ${JSON.stringify(created.body)}`);
  return key;
}
