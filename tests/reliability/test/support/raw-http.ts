import { connect, type Socket } from "node:net";

/** One keep-alive TCP connection on which HTTP/1.1 requests are written by hand, to control reuse exactly. */
export interface RawConnection {
  /** Writes raw bytes and resolves with what arrived until the connection went quiet or closed. */
  exchange(bytes: string | Buffer, quietMs?: number): Promise<string>;
  readonly closed: boolean;
  destroy(): void;
}

/** Opens a TCP connection to host:port. */
export async function openRawConnection(port: number, host = "127.0.0.1"): Promise<RawConnection> {
  const socket: Socket = connect(port, host);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let buffer = "";
  let closed = false;
  socket.on("data", (data) => {
    buffer += data.toString("latin1");
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    closed = true;
  });
  return {
    get closed() {
      return closed;
    },
    async exchange(bytes, quietMs = 300) {
      buffer = "";
      socket.write(bytes);
      let seen = -1;
      // Wait until nothing new arrived for quietMs (or the server closed), bounded at 5 s.
      for (let waited = 0; waited < 5_000 && !closed; waited += quietMs) {
        await new Promise((resolve) => setTimeout(resolve, quietMs));
        if (buffer.length === seen && seen > 0) break;
        seen = buffer.length;
      }
      return buffer;
    },
    destroy: () => socket.destroy(),
  };
}

/** An HTTP/1.1 POST /mcp request as raw text, with a fixed body. */
export function rawMcpPost(host: string, key: string, body: string): string {
  return [
    "POST /mcp HTTP/1.1",
    `Host: ${host}`,
    `Authorization: Bearer ${key}`,
    "Accept: application/json, text/event-stream",
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "",
    body,
  ].join("\r\n");
}
