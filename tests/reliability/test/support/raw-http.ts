import { connect, type Socket } from "node:net";

/** One keep-alive TCP connection on which HTTP/1.1 requests are written by hand, to control reuse exactly. */
export interface RawConnection {
  /** Writes raw bytes and resolves with the next complete response, or what arrived before the server closed. */
  exchange(bytes: string | Buffer, withinMs?: number): Promise<string>;
  readonly closed: boolean;
  destroy(): void;
}

/** A response is complete when its Content-Length is met or its chunked body has ended. */
function isComplete(text: string): boolean {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = text.slice(0, end);
  if (/^HTTP\/1\.1 1\d\d /.test(head)) return isComplete(text.slice(end + 4));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return Buffer.byteLength(text.slice(end + 4), "latin1") >= Number(length[1]);
  return /\r\ntransfer-encoding:\s*chunked/i.test(head) && text.endsWith("0\r\n\r\n");
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
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  socket.on("data", (data) => {
    buffer += data.toString("latin1");
    notify();
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    closed = true;
    notify();
  });
  return {
    get closed() {
      return closed;
    },
    async exchange(bytes, withinMs = 30_000) {
      buffer = "";
      socket.write(bytes);
      // Done when the response's own framing says so (or the server closed), not when it went quiet:
      // on a busy machine a pause says nothing.
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const check = () => {
          if (closed || isComplete(buffer)) finish();
        };
        const timer = setTimeout(finish, withinMs);
        waiters.add(check);
        check();
      });
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
