import { connect, type Socket } from "node:net";

/** One TCP connection on which HTTP/1.1 requests are written by hand, to control keep-alive exactly. */
export interface RawConnection {
  /** Writes bytes and resolves with the next complete response, or what arrived before the server closed. */
  exchange(bytes: string): Promise<string>;
  /** Resolves true once the server closed the connection, false if it is still open after `withinMs`. */
  closedWithin(withinMs: number): Promise<boolean>;
  /** Writes bytes without waiting for an answer. */
  send(bytes: string): void;
  /** Resolves with what arrived since the last write once it matches, or whatever arrived after `withinMs`. */
  received(pattern: RegExp, withinMs: number): Promise<string>;
  destroy(): void;
}

// A response is complete when its Content-Length is met or its chunked body has ended.
function isComplete(text: string): boolean {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = text.slice(0, end);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return Buffer.byteLength(text.slice(end + 4), "latin1") >= Number(length[1]);
  return /\r\ntransfer-encoding:\s*chunked/i.test(head) && text.endsWith("0\r\n\r\n");
}

/** Opens a connection to 127.0.0.1:port. */
export async function openRawConnection(port: number): Promise<RawConnection> {
  const socket: Socket = connect(port, "127.0.0.1");
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
  // A reset after the server closed is expected in the close tests; `closed` reports it.
  socket.on("error", () => {});
  socket.on("close", () => {
    closed = true;
    notify();
  });
  const until = (done: () => boolean, withinMs: number) =>
    new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const check = () => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, withinMs);
      waiters.add(check);
      check();
    });
  return {
    async exchange(bytes) {
      buffer = "";
      socket.write(bytes);
      await until(() => closed || isComplete(buffer), 30_000);
      return buffer;
    },
    async closedWithin(withinMs) {
      await until(() => closed, withinMs);
      return closed;
    },
    send: (bytes) => {
      buffer = "";
      socket.write(bytes);
    },
    async received(pattern, withinMs) {
      await until(() => closed || pattern.test(buffer), withinMs);
      return buffer;
    },
    destroy: () => socket.destroy(),
  };
}
