import { retryAfterSentence } from "@toolwright/core";
import { redactSecrets } from "@toolwright/core/internal";
import { asSentence, joinSentences } from "../response/sentence.js";

/** Why an upstream call did not produce usable data. */
export type UpstreamFailure =
  | { kind: "http"; status: number; detail: string | null; retryAfterMs?: number }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "network"; origin: string; code: string | null }
  | { kind: "invalid_json"; status: number; contentType: string | null }
  /** The answer was larger than the server reads (`maxResponseBytes`); the rest was never buffered. */
  | { kind: "too_large"; status: number; limitBytes: number; declaredBytes: number | null }
  /** The upstream redirected where the call is not sent (another origin, a write, too many hops). */
  | { kind: "redirect"; status: number; location: string | null; crossOrigin: boolean }
  /** The connection ended before the answer's body was complete. */
  | { kind: "incomplete"; status: number; code: string | null }
  | { kind: "cancelled" };

/**
 * `Lead: upstream's explanation.`, one sentence whatever the explanation ends with. The explanation
 * is scanned for key-shaped strings again here, for failures built outside `sendUpstream`.
 */
function withDetail(lead: string, detail: string | null): string {
  const explanation = detail ? asSentence(redactSecrets(detail)) : "";
  return explanation ? `${lead}: ${explanation}` : asSentence(lead);
}

function httpMessage(
  status: number,
  detail: string | null,
  scopes: readonly string[],
  retryAfter: number | undefined,
): string {
  if (status === 401) {
    return joinSentences(
      withDetail("The upstream rejected the API key (HTTP 401)", detail),
      "The key is invalid, expired or revoked: configure a valid key for this MCP client.",
    );
  }
  if (status === 403) {
    const needed =
      scopes.length > 0 ? `This tool needs ${scopes.map((scope) => `'${scope}'`).join(", ")}.` : "";
    return joinSentences(
      withDetail("The upstream refused the call (HTTP 403)", detail),
      "The key is missing scopes or access to this resource.",
      needed,
      "Use a key with the needed scopes.",
    );
  }
  if (status === 404) {
    return joinSentences(
      withDetail("Not found (HTTP 404)", detail),
      "Check the id or path arguments; use a list or search tool to find valid ids.",
    );
  }
  if (status === 409 || status === 422) {
    return joinSentences(
      withDetail(`The upstream refused the change (HTTP ${status})`, detail),
      "It breaks a rule of the product: read the message, adjust the arguments, and try again.",
    );
  }
  if (status === 429) {
    return joinSentences(
      withDetail("The upstream is rate limiting (HTTP 429)", detail),
      retryAfter === undefined ? "Wait a little, then retry." : retryAfterSentence(retryAfter),
    );
  }
  if (status >= 500) {
    return joinSentences(
      withDetail(`The upstream failed (HTTP ${status})`, detail),
      "This is a problem on the upstream's side: retry later.",
    );
  }
  return joinSentences(
    withDetail(`The upstream rejected the request (HTTP ${status})`, detail),
    "Fix the arguments and try again.",
  );
}
function redirectLead(failure: Extract<UpstreamFailure, { kind: "redirect" }>): string {
  const where = failure.location ? ` to ${failure.location}` : " without a valid Location";
  return `The upstream redirected (HTTP ${failure.status})${where}`;
}

/** A message that says what went wrong and what to do next; never a stack trace or a secret. */
export function describeUpstreamFailure(failure: UpstreamFailure, scopes: readonly string[] = []): string {
  switch (failure.kind) {
    case "http":
      return httpMessage(failure.status, failure.detail, scopes, failure.retryAfterMs);
    case "timeout":
      return `The upstream did not answer within ${failure.timeoutMs / 1000} s. Retry later; for a change, first check whether it took effect.`;
    case "network":
      return `Could not reach the upstream at ${failure.origin}${failure.code ? ` (${failure.code})` : ""}. It may be down or restarting: retry later.`;
    case "invalid_json":
      return `The upstream answered HTTP ${failure.status} with a body that is not valid JSON (content-type ${failure.contentType ?? "none"}). Retry later; if it persists, the upstream is misbehaving.`;
    case "too_large":
      return `The upstream answered HTTP ${failure.status} with more than ${failure.limitBytes} bytes${failure.declaredBytes === null ? "" : ` (${failure.declaredBytes} declared)`}, over this server's limit; the answer was not read. Narrow the request (filters, a smaller limit, fewer fields) and try again.`;
    case "redirect":
      return `${redirectLead(failure)}, which this server does not follow${failure.crossOrigin ? " to another origin" : ""}. Check the upstream URL configured for this server; the call was not sent there.`;
    case "incomplete":
      return `The upstream's answer (HTTP ${failure.status}) ended before it was complete${failure.code ? ` (${failure.code})` : ""}. Retry later; for a change, first check whether it took effect.`;
    case "cancelled":
      return "The call was cancelled before the upstream answered.";
  }
}
