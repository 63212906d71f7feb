import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the faulty upstream answers the data routes (key introspection is always passed through). */
export type UpstreamFault =
  | { kind: "pass" }
  | { kind: "reset" }
  | { kind: "delay"; ms: number }
  | { kind: "status"; status: number; body: string }
  | { kind: "invalid-json" };

/** A 127.0.0.1 HTTP proxy in front of a real upstream whose misbehaviour a test switches at will. */
export interface FaultyUpstream {
  url: string;
  /** Sets how data routes answer from now on. */
  setFault(fault: UpstreamFault): void;
  /** How many data requests arrived (introspection excluded). */
  dataRequests(): number;
  close(): Promise<void>;
}

const INTROSPECTION = "/api/keys/@current";

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function forward(target: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  const headers = new Headers();
  for (const name of ["authorization", "content-type", "accept"]) {
    const value = request.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const answer = await fetch(new URL(request.url ?? "/", target), {
    method: request.method ?? "GET",
    headers,
    ...(body.length > 0 ? { body } : {}),
  });
  const text = await answer.text();
  response.writeHead(answer.status, {
    "content-type": answer.headers.get("content-type") ?? "application/json",
  });
  response.end(text);
}

/** Starts the proxy on a free port; data routes pass through until `setFault` says otherwise. */
export async function startFaultyUpstream(target: string): Promise<FaultyUpstream> {
  let fault: UpstreamFault = { kind: "pass" };
  let count = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    const introspection = request.url?.startsWith(INTROSPECTION) ?? false;
    if (!introspection) count++;
    const current: UpstreamFault = introspection ? { kind: "pass" } : fault;
    const pass = () => forward(target, request, response).catch(() => response.destroy());
    switch (current.kind) {
      case "pass":
        return void pass();
      case "reset":
        return void request.socket.destroy();
      case "delay": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void pass();
        }, current.ms);
        timers.add(timer);
        return;
      }
      case "status":
        response.writeHead(current.status, { "content-type": "text/plain" });
        return void response.end(current.body);
      case "invalid-json":
        response.writeHead(200, { "content-type": "application/json" });
        return void response.end('{"count": 3, "results": [');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setFault(next) {
      fault = next;
    },
    dataRequests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A 127.0.0.1 URL where nothing listens (a port that was free a moment ago). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
