import type { Server } from "node:http";
import type { Socket } from "node:net";

/** Connection and timing limits of the HTTP server; every one has a safe default. */
export interface HttpLimits {
  /** Time to receive a request's headers; default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, headers and body; default 30 000 ms. */
  requestTimeoutMs?: number;
  /** A socket with no traffic in either direction for this long is closed; default 120 000 ms. */
  idleTimeoutMs?: number;
  /** How long an idle keep-alive connection waits for its next request; default 5 000 ms. */
  keepAliveTimeoutMs?: number;
  /** Concurrent connections from one client address; further ones get 503 and are closed. Default 128; 0 = no cap. */
  maxConnectionsPerClient?: number;
}

/** The defaults, resolved. */
const DEFAULT_HTTP_LIMITS: Required<HttpLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerClient: 128,
};

const TOO_MANY =
  "HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: application/json\r\nretry-after: 1\r\n";

function refuse(socket: Socket): void {
  const body = JSON.stringify({
    jsonrpc: "2.0",
    error: { code: -32000, message: "Too many connections from this address; close some and retry." },
    id: null,
  });
  socket.end(`${TOO_MANY}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Caps concurrent connections per remote address on a Node server. */
function capConnections(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown";
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      refuse(socket);
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** The limits with defaults filled in; a negative or non-integer value is a configuration error. */
export function resolveHttpLimits(limits: HttpLimits = {}): Required<HttpLimits> {
  const resolved = { ...DEFAULT_HTTP_LIMITS };
  for (const [name, value] of Object.entries(limits) as [keyof HttpLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`HTTP limit '${name}' must be a non-negative integer, not ${value}`);
    }
    resolved[name] = value;
  }
  return resolved;
}

/**
 * Applies the limits to a Node HTTP server. Node checks header and request timeouts on an interval,
 * so the interval is tightened to a fraction of the shorter timeout to keep them near their value.
 */
export function applyHttpLimits(server: Server, limits: Required<HttpLimits>): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.setTimeout(limits.idleTimeoutMs);
  if (limits.maxConnectionsPerClient > 0) capConnections(server, limits.maxConnectionsPerClient);
}

/** Server options that must be set at creation: how often Node looks for timed-out requests. */
export function httpServerOptions(limits: Required<HttpLimits>): { connectionsCheckingInterval: number } {
  const shortest = Math.min(limits.headersTimeoutMs || Infinity, limits.requestTimeoutMs || Infinity);
  return {
    connectionsCheckingInterval: Number.isFinite(shortest)
      ? Math.max(100, Math.min(1_000, shortest / 4))
      : 30_000,
  };
}
