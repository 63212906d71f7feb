import http from "node:http";
import https, { request as httpsRequest } from "node:https";

/** One upstream answer as the client reads it, whatever sent the request. */
export interface UpstreamResponse {
  status: number;
  /** A response header (several values joined with `, `), or null. */
  header(name: string): string | null;
  /** The body's chunks, read at most once; null when there is none. */
  body: AsyncIterable<Uint8Array> | null;
  /** Stops reading the body and frees the connection. */
  cancel(): Promise<void>;
}

/** What the client sends: redirects are never followed here (the client decides). */
interface UpstreamHttpCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string | FormData | Blob | undefined;
  signal: AbortSignal;
}

/** Sends one HTTP request upstream. */
export type HttpExchange = (call: UpstreamHttpCall) => Promise<UpstreamResponse>;

/** Through a WHATWG `fetch` (the one a server is given, e.g. to record or rewrite calls). */
export function fetchExchange(fetchImpl: typeof fetch): HttpExchange {
  return async (call) => {
    const response = await fetchImpl(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body ?? null,
      redirect: "manual",
      signal: call.signal,
    });
    const stream = response.body;
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      body: stream ? readerChunks(stream) : null,
      cancel: async () => {
        await stream?.cancel().catch(() => {});
      },
    };
  };
}

async function* readerChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** FormData and Blob bodies become bytes with the content type `fetch` would have sent. */
async function wireBody(
  call: UpstreamHttpCall,
): Promise<{ body: string | Buffer | undefined; type: string | null }> {
  const { body } = call;
  if (body === undefined || typeof body === "string") return { body, type: null };
  const encoded = new Response(body);
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get("content-type") };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

// Keep-alive agents for the whole process; idle sockets do not keep it running.
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

/**
 * Through Node's own HTTP client over keep-alive agents: the default, as it costs a fraction of
 * the CPU of `fetch` (no Request/Response objects or web streams per call) and changes nothing
 * global (the process's `fetch` is left as it is).
 */
export function pooledExchange(): HttpExchange {
  return async (call) => {
    const wire = await wireBody(call);
    const headers: Record<string, string> = {};
    for (const [name, value] of call.headers) headers[name] = value;
    if (wire.type && headers["content-type"] === undefined) headers["content-type"] = wire.type;
    const https = call.url.protocol === "https:";
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = (https ? httpsRequest : http.request)(
        {
          protocol: call.url.protocol,
          // URL keeps IPv6 literals in brackets; the socket wants the bare address.
          hostname: call.url.hostname.replace(/^\[(.*)\]$/, "$1"),
          port: call.url.port,
          path: `${call.url.pathname}${call.url.search}`,
          method: call.method,
          headers,
          agent: https ? agents["https:"] : agents["http:"],
          signal: call.signal,
        },
        resolve,
      );
      request.on("error", reject);
      request.end(wire.body);
    });
    return {
      status: answer.statusCode ?? 0,
      header: (name) => headerValue(answer.headers[name.toLowerCase()]),
      body: answer,
      cancel: async () => {
        answer.destroy();
      },
    };
  };
}
