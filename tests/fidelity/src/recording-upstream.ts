import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the upstream received it: the wire form, before any framework parsed it. */
export interface RecordedRequest {
  method: string;
  /** The request target: path and query, exactly as sent. */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** An HTTP server on 127.0.0.1 that records every request and answers `200 {}`. */
export interface RecordingUpstream {
  url: string;
  /** Takes the requests recorded since the last call. */
  take(): RecordedRequest[];
  close(): Promise<void>;
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  let recorded: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      recorded.push({
        method: request.method ?? "GET",
        target: request.url ?? "/",
        headers: headersOf(request),
        body: Buffer.concat(chunks),
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take() {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
