import { isScope, type Scope } from "@toolwright/core";
import type { Caller, CallerResolution } from "./caller.js";
import { hashKey } from "./key-hash.js";

/** How callers' scopes are found: the upstream's introspection endpoint, or a fixed list. */
export interface CallerResolverOptions {
  upstream: string;
  /** Path of the introspection endpoint; default `/api/keys/@current`. */
  introspectionPath?: string;
  /** Fixed scopes for every caller, for upstreams without introspection; a key becomes optional. */
  staticScopes?: readonly Scope[];
  /** How long a key's scopes are trusted before asking again; default 30 s. */
  cacheTtlMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Bounds memory when many distinct keys show up; expired entries go first, then the oldest. */
const MAX_CACHED_KEYS = 10_000;

interface CacheEntry {
  caller: Omit<Caller, "key">;
  expiresAt: number;
}

function introspectionResult(
  body: unknown,
): { scopes: Scope[]; project: Record<string, unknown> | null } | null {
  if (typeof body !== "object" || body === null) return null;
  const { scopes, project } = body as { scopes?: unknown; project?: unknown };
  if (!Array.isArray(scopes)) return null;
  return {
    scopes: scopes.filter((value): value is Scope => typeof value === "string" && isScope(value)),
    project: typeof project === "object" && project !== null ? (project as Record<string, unknown>) : null,
  };
}

/**
 * Resolves a bearer key into a caller with scopes. Results are cached per SHA-256 of the key (never
 * the key) for a short time, so the upstream stays the authority without being asked on every request.
 */
export function createCallerResolver(options: CallerResolverOptions) {
  const cache = new Map<string, CacheEntry>();
  const ttl = options.cacheTtlMs ?? 30_000;
  const doFetch = options.fetch ?? fetch;
  const url = new URL(options.introspectionPath ?? "/api/keys/@current", options.upstream).toString();

  function prune() {
    const now = Date.now();
    for (const [id, entry] of cache) if (entry.expiresAt <= now) cache.delete(id);
    for (const id of cache.keys()) {
      if (cache.size < MAX_CACHED_KEYS) break;
      cache.delete(id);
    }
  }

  async function introspect(key: string, id: string): Promise<CallerResolution> {
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { authorization: `Bearer ${key}`, accept: "application/json" },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      return {
        ok: false,
        reason: "unavailable",
        message: "The upstream could not be reached to check the API key.",
      };
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return { ok: false, reason: "invalid", message: "The API key is invalid, expired or revoked." };
    }
    const body = response.ok ? await response.json().catch(() => null) : null;
    const result = introspectionResult(body);
    if (!result) {
      return {
        ok: false,
        reason: "unavailable",
        message: `The upstream's key introspection endpoint answered HTTP ${response.status} without a scope list.`,
      };
    }
    const caller = { info: { id, scopes: result.scopes, project: result.project } };
    if (cache.size >= MAX_CACHED_KEYS) prune();
    cache.set(id, { caller, expiresAt: Date.now() + ttl });
    return { ok: true, caller: { ...caller, key } };
  }

  return async function resolveCaller(key: string | undefined): Promise<CallerResolution> {
    if (options.staticScopes) {
      return {
        ok: true,
        caller: {
          key,
          info: { id: key ? hashKey(key) : "anonymous", scopes: options.staticScopes, project: null },
        },
      };
    }
    if (!key)
      return {
        ok: false,
        reason: "missing",
        message: "An API key is required (Authorization: Bearer <key>).",
      };
    const id = hashKey(key);
    const cached = cache.get(id);
    if (cached && cached.expiresAt > Date.now()) return { ok: true, caller: { ...cached.caller, key } };
    cache.delete(id);
    return introspect(key, id);
  };
}

/** Resolves a key into a caller (see `createCallerResolver`). */
export type CallerResolver = ReturnType<typeof createCallerResolver>;
