import type { Identity } from "./identity.js";

/** What the recorder remembers about one MCP session. */
export interface SessionState {
  readonly id: string;
  clientName?: string;
  clientVersion?: string;
  protocolVersion?: string;
  /** Settles once with the caller's identity (or null); started at most once per session. */
  identity?: Promise<Identity | null>;
  /** Whether this session's events are kept under `sampleRate`. */
  sampled: boolean;
}

const MAX_SESSIONS = 10_000;

/** A bounded map of sessions; the oldest is forgotten when it is full. */
export class SessionStore {
  readonly #sessions = new Map<string, SessionState>();

  constructor(private readonly sampleRate: number) {}

  /** The session with this id, created on first sight. */
  get(id: string): SessionState {
    const existing = this.#sessions.get(id);
    if (existing) return existing;
    if (this.#sessions.size >= MAX_SESSIONS) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    const session: SessionState = {
      id,
      sampled: this.sampleRate >= 1 || Math.random() < this.sampleRate,
    };
    this.#sessions.set(id, session);
    return session;
  }
}
