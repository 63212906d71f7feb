/** Why an upstream call did not produce usable data. */
export type UpstreamFailure =
  | { kind: "http"; status: number; detail: string | null }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "network"; origin: string; code: string | null }
  | { kind: "invalid_json"; status: number; contentType: string | null }
  | { kind: "cancelled" };

function withDetail(detail: string | null): string {
  return detail ? `: ${detail}` : "";
}

function httpMessage(status: number, detail: string | null, scopes: readonly string[]): string {
  const said = withDetail(detail);
  if (status === 401) {
    return `The upstream rejected the API key (HTTP 401)${said}. The key is invalid, expired or revoked: configure a valid key for this MCP client.`;
  }
  if (status === 403) {
    const needed =
      scopes.length > 0 ? ` This tool needs ${scopes.map((scope) => `'${scope}'`).join(", ")}.` : "";
    return `The upstream refused the call (HTTP 403)${said}. The key is missing scopes or access to this resource.${needed} Use a key with the needed scopes.`;
  }
  if (status === 404) {
    return `Not found (HTTP 404)${said}. Check the id or path arguments; use a list or search tool to find valid ids.`;
  }
  if (status === 409 || status === 422) {
    return `The upstream refused the change (HTTP ${status})${said}. It breaks a rule of the product: read the message, adjust the arguments, and try again.`;
  }
  if (status === 429) return `The upstream is rate limiting (HTTP 429)${said}. Wait a little, then retry.`;
  if (status >= 500) {
    return `The upstream failed (HTTP ${status})${said}. This is a problem on the upstream's side: retry later.`;
  }
  return `The upstream rejected the request (HTTP ${status})${said}. Fix the arguments and try again.`;
}

/** A message that says what went wrong and what to do next; never a stack trace or a secret. */
export function describeUpstreamFailure(failure: UpstreamFailure, scopes: readonly string[] = []): string {
  switch (failure.kind) {
    case "http":
      return httpMessage(failure.status, failure.detail, scopes);
    case "timeout":
      return `The upstream did not answer within ${failure.timeoutMs / 1000} s. Retry later; for a change, first check whether it took effect.`;
    case "network":
      return `Could not reach the upstream at ${failure.origin}${failure.code ? ` (${failure.code})` : ""}. It may be down or restarting: retry later.`;
    case "invalid_json":
      return `The upstream answered HTTP ${failure.status} with a body that is not valid JSON (content-type ${failure.contentType ?? "none"}). Retry later; if it persists, the upstream is misbehaving.`;
    case "cancelled":
      return "The call was cancelled before the upstream answered.";
  }
}
