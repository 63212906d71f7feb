import { isScope, type Scope } from "@toolwright/core";
import { joinUrl } from "../upstream/join-url.js";
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

/** The endpoint under the upstream's own base path, the same way tool calls join their paths. */
function introspectionUrl(upstream: string, path = "/api/keys/@current"): string {
  return joinUrl(upstream, path.startsWith("/") ? path : `/${path}`).toString();
}

function introspectionResult(
  body: unknown,
): { scopes: Scope[]; project: Record<string, unknown> | null; subject?: string } | null {
  if (typeof body !== "object" || body === null) return null;
  const { scopes, project, id } = body as { scopes?: unknown; project?: unknown; id?: unknown };
  if (!Array.isArray(scopes)) return null;
  return {
    scopes: scopes.filter((value): value is Scope => typeof value === "string" && isScope(value)),
    project: typeof project === "object" && project !== null ? (project as Record<string, unknown>) : null,
    ...(typeof id === "string" || typeof id === "number" ? { subject: String(id) } : {}),
  };
}

/**
 * Resolves a bearer key into a caller with scopes. Results are cached per SHA-256 of the key (never
 * the key) for a short time, so the upstream stays the authority without being asked on every request.
 */
export function createCallerResolver(options: CallerResolverOptions) {
  const cache = new Map<string, CacheEntry>();
  // One introspection per key hash at a time: concurrent requests after expiry share its answer.
  const inFlight = new Map<string, Promise<CallerResolution>>();
  const ttl = options.cacheTtlMs ?? 30_000;
  const doFetch = options.fetch ?? fetch;
  const url = introspectionUrl(options.upstream, options.introspectionPath);

  function prune() {
    const now = Date.now();
    for (const [id, entry] of cache) if (entry.expiresAt <= now) cache.delete(id);
    for (const id of cache.keys()) {
      if (cache.size < MAX_CACHED_KEYS) break;
      cache.delete(id);
    }
  }

  /** Shares the pending introspection of a key hash; it is forgotten once settled, success or not. */
  function introspectOnce(key: string, id: string): Promise<CallerResolution> {
    const pending = inFlight.get(id);
    if (pending) return pending.then((resolution) => withKey(resolution, key));
    const flight = introspect(key, id).finally(() => inFlight.delete(id));
    inFlight.set(id, flight);
    return flight;
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
    const caller = {
      info: {
        id,
        scopes: result.scopes,
        project: result.project,
        ...(result.subject === undefined ? {} : { subject: result.subject }),
      },
    };
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
    return introspectOnce(key, id);
  };
}

/** The same key hashes to the same id, but each request keeps the key it sent. */
function withKey(resolution: CallerResolution, key: string): CallerResolution {
  return resolution.ok ? { ok: true, caller: { ...resolution.caller, key } } : resolution;
}

/** Resolves a key into a caller (see `createCallerResolver`). */
type CallerResolver = ReturnType<typeof createCallerResolver>;
