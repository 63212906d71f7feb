import { createHash } from "node:crypto";
import { uuidv7 } from "../events/uuidv7.js";

/** PostHog's web-session rule: a session ends after 30 minutes without an event. */
export const SESSION_INACTIVITY_MS = 30 * 60 * 1000;

const MAX_DERIVED_SESSIONS = 10_000;

interface DerivedSession {
  id: string;
  lastSeen: number;
}

/** What a client connection is known by on a stateless transport. */
export interface ConnectionKey {
  /** The caller: its distinct id, or a hash of its credential. */
  caller: string;
  clientName: string | undefined;
  clientVersion: string | undefined;
}

/**
 * Sessions of stateless transports (a new server per HTTP request, no session header): one id per
 * (caller, client name and version), renewed after 30 minutes of inactivity.
 */
export class DerivedSessions {
  readonly #sessions = new Map<string, DerivedSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The session id of this connection at this moment. */
  sessionFor(key: ConnectionKey): string {
    const mapKey = `${key.caller}\u0000${key.clientName ?? ""}\u0000${key.clientVersion ?? ""}`;
    const now = this.now();
    const existing = this.#sessions.get(mapKey);
    if (existing && now - existing.lastSeen <= SESSION_INACTIVITY_MS) {
      existing.lastSeen = now;
      return existing.id;
    }
    if (this.#sessions.size >= MAX_DERIVED_SESSIONS) this.#evict(now);
    const session = { id: uuidv7(now), lastSeen: now };
    this.#sessions.delete(mapKey);
    this.#sessions.set(mapKey, session);
    return session.id;
  }

  #evict(now: number): void {
    for (const [key, session] of this.#sessions) {
      if (now - session.lastSeen > SESSION_INACTIVITY_MS || this.#sessions.size >= MAX_DERIVED_SESSIONS)
        this.#sessions.delete(key);
      if (this.#sessions.size < MAX_DERIVED_SESSIONS / 2) return;
    }
  }
}

/** Client info last seen per (caller, user agent): a stateless request that lacks it inherits it. */
export class ClientDirectory {
  readonly #clients = new Map<string, { name?: string; version?: string; protocolVersion?: string }>();

  remember(
    caller: string,
    userAgent: string | undefined,
    info: { name?: string; version?: string; protocolVersion?: string },
  ): void {
    if (info.name === undefined) return;
    if (this.#clients.size >= MAX_DERIVED_SESSIONS) this.#clients.clear();
    this.#clients.set(`${caller}\u0000${userAgent ?? ""}`, info);
  }

  lookup(caller: string, userAgent: string | undefined) {
    return this.#clients.get(`${caller}\u0000${userAgent ?? ""}`);
  }
}

const credentialHashes = new Map<string, string>();

/** A short in-memory key for a credential (never emitted): its SHA-256, cached. */
export function credentialKey(credential: string): string {
  let hash = credentialHashes.get(credential);
  if (hash === undefined) {
    hash = `credential:${createHash("sha256").update(credential).digest("base64url")}`;
    if (credentialHashes.size >= MAX_DERIVED_SESSIONS) credentialHashes.clear();
    credentialHashes.set(credential, hash);
  }
  return hash;
}
