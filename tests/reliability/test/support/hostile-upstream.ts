import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the hostile upstream answers `GET /api/persons`; everything else goes to the real demo API. */
type HostileMode =
  | { kind: "pass" }
  /** 200 application/json, `bytes` of valid JSON, chunked (no Content-Length) unless `declared`. */
  | { kind: "huge"; bytes: number; declared?: boolean }
  /** 500 text/html, `bytes` of HTML that echoes the caller's Authorization header first. */
  | { kind: "huge-error"; bytes: number }
  /** 302 to another origin. */
  | { kind: "redirect"; location: string }
  /** Declares 1000 bytes, sends 20, closes the connection. */
  | { kind: "truncated" }
  /** Says application/json, sends HTML. */
  | { kind: "lying" }
  /** Sends the headers and `{`, then nothing. */
  | { kind: "stall" };

export interface HostileUpstream {
  url: string;
  mode: HostileMode;
  /** Bytes written for hostile answers (what the server was offered). */
  bytesOffered: number;
  close(): Promise<void>;
}

const PERSON = JSON.stringify({
  id: 1,
  distinct_id: "hostile-person",
  properties: {
    email: "hostile@example.com",
    name: "Hostile Person",
    plan: "enterprise",
    pad: "x".repeat(200),
  },
  created_at: "2026-01-05T09:00:00.000Z",
});

/** Writes `bytes` of a valid persons page in 64 KB chunks, honouring backpressure, until done or the peer leaves. */
async function writeHugeJson(response: ServerResponse, bytes: number, counter: { bytesOffered: number }) {
  const items = Math.max(1, Math.floor(bytes / (PERSON.length + 1)));
  const perChunk = Math.max(1, Math.floor(65_536 / (PERSON.length + 1)));
  const chunk = `${PERSON},`.repeat(perChunk);
  response.write(`{"count":${items},"results":[`);
  for (let written = 0; written + perChunk < items && !response.destroyed; written += perChunk) {
    counter.bytesOffered += chunk.length;
    if (!response.write(chunk)) {
      await new Promise<void>((resolve) => {
        response.once("drain", resolve);
        response.once("close", resolve);
      });
    }
  }
  if (!response.destroyed) response.end(`${PERSON}]}`);
}

function hostile(
  mode: HostileMode,
  request: IncomingMessage,
  response: ServerResponse,
  state: HostileUpstream,
) {
  switch (mode.kind) {
    case "huge": {
      const headers: Record<string, string | number> = { "content-type": "application/json" };
      if (mode.declared) headers["content-length"] = mode.bytes;
      response.writeHead(200, headers);
      if (mode.declared) {
        // The declared length is a lie the server must not wait for: send a little, then close.
        response.write("[");
        setImmediate(() => response.destroy());
        return;
      }
      void writeHugeJson(response, mode.bytes, state);
      return;
    }
    case "huge-error": {
      response.writeHead(500, { "content-type": "text/html" });
      const echo = `<html><body><h1>Upstream error</h1><p>Your header: ${request.headers.authorization}</p>`;
      response.write(echo);
      const filler = "<p>stack frame filler</p>".repeat(2_600);
      let sent = echo.length;
      const pump = () => {
        while (sent < mode.bytes && !response.destroyed) {
          sent += filler.length;
          state.bytesOffered += filler.length;
          if (!response.write(filler)) return void response.once("drain", pump);
        }
        if (!response.destroyed) response.end("</body></html>");
      };
      pump();
      return;
    }
    case "redirect":
      response.writeHead(302, { location: mode.location }).end();
      return;
    case "truncated":
      response.writeHead(200, { "content-type": "application/json", "content-length": 1000 });
      response.write('{"count":3,"results":[', () => setImmediate(() => response.socket?.destroy()));
      return;
    case "lying":
      response
        .writeHead(200, { "content-type": "application/json" })
        .end("<html><body>Welcome!</body></html>");
      return;
    case "stall":
      response.writeHead(200, { "content-type": "application/json" });
      response.write("{");
      return;
    case "pass":
      return;
  }
}

/** Forwards a request to the real API and pipes its answer back. */
async function forward(target: string, request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
  }
  const answer = await fetch(new URL(request.url ?? "/", target), {
    method: request.method ?? "GET",
    headers,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    redirect: "manual",
  });
  const body = Buffer.from(await answer.arrayBuffer());
  const contentType = answer.headers.get("content-type");
  response.writeHead(answer.status, contentType ? { "content-type": contentType } : {}).end(body);
}

/**
 * A fake upstream on 127.0.0.1: `GET /api/persons` answers as `mode` says (huge, redirecting,
 * truncated, lying, stalled), every other request is the real demo API's answer.
 */
export async function startHostileUpstream(target: string): Promise<HostileUpstream> {
  const sockets = new Set<import("node:net").Socket>();
  let server: Server;
  const state: HostileUpstream = {
    url: "",
    mode: { kind: "pass" },
    bytesOffered: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (request.method === "GET" && path === "/api/persons" && state.mode.kind !== "pass") {
      hostile(state.mode, request, response, state);
      return;
    }
    forward(target, request, response).catch(() => response.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
