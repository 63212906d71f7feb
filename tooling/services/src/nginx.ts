import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./redis-server.js";

const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";

/** A real nginx on 127.0.0.1 balancing over MCP server replicas (round-robin), run in the foreground. */
export interface Nginx {
  /** The balanced MCP endpoint. */
  url: string;
  /** nginx's own error log (in its temp dir), for failure messages. */
  errorLog(): string;
  close(): Promise<void>;
}

/**
 * The configuration docs/deploying.md shows: no sticky sessions (the server is stateless), a request
 * that could not be sent to a replica goes to the next one, and a replica that dies mid-request gives
 * the client a JSON-RPC error that says so instead of an HTML page.
 */
export function nginxConfig(directory: string, port: number, replicas: readonly number[]): string {
  const servers = replicas.map((replica) => `    server 127.0.0.1:${replica} max_fails=1 fail_timeout=2s;`);
  return `daemon off;
worker_processes 1;
pid ${directory}/nginx.pid;
error_log ${directory}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${directory}/client-body;
  proxy_temp_path ${directory}/proxy;
  fastcgi_temp_path ${directory}/fastcgi;
  uwsgi_temp_path ${directory}/uwsgi;
  scgi_temp_path ${directory}/scgi;
  upstream mcp_replicas {
${servers.join("\n")}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://mcp_replicas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      add_header X-Served-By $upstream_addr always;
      proxy_intercept_errors on;
      error_page 502 504 = @replica_gone;
    }
    location @replica_gone {
      default_type application/json;
      add_header X-Served-By $upstream_addr always;
      return 502 '{"jsonrpc":"2.0","error":{"code":-32000,"message":"The MCP server replica handling this request went away before answering; nothing is known about its outcome. Retry the request."},"id":null}';
    }
  }
}
`;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Waits until something accepts connections on `port`, or the deadline passes. */
export async function waitForPort(port: number, timeoutMs: number, exited?: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await listening(port)) return;
    if (exited?.()) throw new Error(`the process exited before listening on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** Starts nginx in front of the replicas' ports, with its config, logs and temp files in a temp dir. */
export async function startNginx(replicas: readonly number[]): Promise<Nginx> {
  const directory = mkdtempSync(join(tmpdir(), "toolwright-nginx-"));
  mkdirSync(join(directory, "logs"));
  const port = await freePort();
  const config = join(directory, "nginx.conf");
  writeFileSync(config, nginxConfig(directory, port, replicas));
  const child: ChildProcess = spawn(
    NGINX,
    ["-p", directory, "-c", config, "-e", join(directory, "error.log")],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const errorLog = () => {
    try {
      return readFileSync(join(directory, "error.log"), "utf8");
    } catch {
      return stderr;
    }
  };
  try {
    await waitForPort(port, 10_000, () => child.exitCode !== null);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`nginx did not start: ${String(error)}\n${stderr}\n${errorLog()}`);
  }
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    errorLog,
    close: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(directory, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}
