import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the proxy does with one request. */
export type Fault =
  /** Forward to the target unchanged. */
  | { kind: "pass" }
  /** Destroy the connection before any response byte. */
  | { kind: "reset" }
  /** Send headers and part of the body, then destroy the connection. */
  | { kind: "reset-mid-body" }
  /** Answer this status with this body (default a JSON error). */
  | { kind: "status"; status: number; body?: string; contentType?: string }
  /** Wait, then forward. */
  | { kind: "delay"; ms: number }
  /** Send headers at once, then one body byte every `intervalMs`, never finishing. */
  | { kind: "dribble"; intervalMs: number }
  /** Accept the request and never answer. */
  | { kind: "stall" }
  /** 200 with a body that is not JSON but claims to be. */
  | { kind: "invalid-json" }
  /** 200 with a valid JSON list of `bytes` size. */
  | { kind: "huge"; bytes: number };

/** Picks the fault for a request; requests it returns null for pass through. */
export type FaultRule = (request: {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
}) => Fault | null;

/** The demo API's key introspection route, which the MCP server calls to resolve a caller's key. */
export const KEY_INTROSPECTION_PATH = "/api/keys/@current";

/** A rule that applies `fault` to the data routes and lets key introspection through, so the fault reaches the tool call itself. */
export function dataRoutesFault(fault: Fault | null): FaultRule {
  return ({ path }) => (path.startsWith(KEY_INTROSPECTION_PATH) ? null : fault);
}

/** A fault-injecting HTTP proxy on 127.0.0.1 in front of one target. */
export interface FaultProxy {
  url: string;
  /** Replaces the rule (the default passes everything). */
  setRule(rule: FaultRule): void;
  /** Requests seen, by fault kind. */
  readonly counts: Record<string, number>;
  /** Client connections to the proxy that are open now. */
  openConnections(): number;
  /** Requests the proxy has not finished answering (or abandoning) yet. */
  activeRequests(): number;
  close(): Promise<void>;
}

function forward(target: URL, request: IncomingMessage, response: ServerResponse): void {
  const upstream = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, host: target.host },
      agent: false,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", () => response.destroy());
  request.pipe(upstream);
}

function hugeList(bytes: number): string {
  const item = JSON.stringify({ id: 1, name: "x".repeat(200), email: "huge@example.com" });
  const count = Math.max(1, Math.floor(bytes / (item.length + 1)));
  return `{"count":${count},"results":[${Array(count).fill(item).join(",")}]}`;
}

/** Applies one fault; `track` registers timers to clear when the connection goes away. */
function applyFault(
  fault: Fault,
  target: URL,
  request: IncomingMessage,
  response: ServerResponse,
  track: (timer: NodeJS.Timeout) => void,
): void {
  switch (fault.kind) {
    case "pass":
      forward(target, request, response);
      return;
    case "reset":
      request.socket.destroy();
      return;
    case "reset-mid-body":
      response.writeHead(200, { "content-type": "application/json", "content-length": "100000" });
      response.write('{"count":3,"results":[{"id":1,');
      track(setTimeout(() => request.socket.destroy(), 20));
      return;
    case "status":
      response.writeHead(fault.status, { "content-type": fault.contentType ?? "application/json" });
      response.end(
        fault.body ?? JSON.stringify({ error: "upstream_fault", message: `injected HTTP ${fault.status}` }),
      );
      return;
    case "delay":
      track(setTimeout(() => forward(target, request, response), fault.ms));
      return;
    case "dribble":
      response.writeHead(200, { "content-type": "application/json" });
      response.write("[");
      track(setInterval(() => response.write(" "), fault.intervalMs));
      return;
    case "stall":
      request.resume();
      return;
    case "invalid-json":
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"results": [1, 2, <html>oops</html>');
      return;
    case "huge":
      response.writeHead(200, { "content-type": "application/json" });
      response.end(hugeList(fault.bytes));
      return;
  }
}

/** Starts a proxy to `target` on a free port of 127.0.0.1; idle client connections close after 500 ms. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  let rule: FaultRule = () => null;
  const counts: Record<string, number> = {};
  const sockets = new Set<Socket>();
  let active = 0;
  const server: Server = createServer((request, response) => {
    const fault = rule({
      method: request.method ?? "GET",
      path: request.url ?? "/",
      headers: request.headers,
    }) ?? { kind: "pass" };
    counts[fault.kind] = (counts[fault.kind] ?? 0) + 1;
    active += 1;
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      active -= 1;
      for (const timer of timers) clearTimeout(timer);
    };
    response.once("finish", settle);
    response.once("close", settle);
    request.socket.once("close", settle);
    applyFault(fault, targetUrl, request, response, (timer) => timers.push(timer));
  });
  server.keepAliveTimeout = 500;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setRule: (next) => {
      rule = next;
    },
    counts,
    openConnections: () => sockets.size,
    activeRequests: () => active,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (the port was free a moment ago): connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
