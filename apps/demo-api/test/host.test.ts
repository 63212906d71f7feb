import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningDemoApi, startDemoApi } from "../src/index.js";

/** A GET with a Host header of our choosing (fetch would not let us set it). */
function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: "127.0.0.1", port, path, headers: { host, authorization: "Bearer tw_demo_admin" } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("Host handling", () => {
  const folder = mkdtempSync(join(tmpdir(), "demo-api-host-"));
  let loopback: RunningDemoApi;
  let published: RunningDemoApi;
  beforeAll(async () => {
    loopback = await startDemoApi({ port: 0, dbPath: join(folder, "a.db") });
    published = await startDemoApi({
      port: 0,
      dbPath: join(folder, "b.db"),
      publicUrl: "https://api.example.com",
    });
  });
  afterAll(async () => {
    await loopback.close();
    await published.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("refuses a Host that is not loopback with 421, so no next link can point at it", async () => {
    const answer = await get(loopback.port, "evil.example", "/api/persons?limit=10");
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain("evil.example");
  });

  it("builds next links from an allowed loopback Host", async () => {
    const answer = await get(loopback.port, `localhost:${loopback.port}`, "/api/persons?limit=10");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).next).toBe(
      `http://localhost:${loopback.port}/api/persons?limit=10&offset=10`,
    );
  });

  it("with a public URL, answers its host (and loopback names, bound to loopback) and links to it", async () => {
    expect((await get(published.port, "evil.example", "/api/persons?limit=10")).status).toBe(421);
    const local = await get(published.port, `127.0.0.1:${published.port}`, "/api/persons?limit=10");
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body).next).toBe("https://api.example.com/api/persons?limit=10&offset=10");
    const answer = await get(published.port, "api.example.com", "/api/persons?limit=10");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).next).toBe("https://api.example.com/api/persons?limit=10&offset=10");
  });

  it("needs a public URL to bind beyond loopback", async () => {
    const previous = process.env.DEMO_API_PUBLIC_URL;
    delete process.env.DEMO_API_PUBLIC_URL;
    try {
      await expect(startDemoApi({ port: 0, dbPath: join(folder, "c.db"), host: "0.0.0.0" })).rejects.toThrow(
        /DEMO_API_PUBLIC_URL/,
      );
    } finally {
      if (previous !== undefined) process.env.DEMO_API_PUBLIC_URL = previous;
    }
  });

  it("an upload aborted mid-body logs nothing (no trace) and the API keeps serving", async () => {
    const consoleError = vi.spyOn(console, "error");
    try {
      for (let index = 0; index < 10; index++) {
        await new Promise<void>((resolve) => {
          const socket = connect(loopback.port, "127.0.0.1");
          socket.on("error", () => {});
          socket.on("data", (data) => {
            if (!data.toString("latin1").startsWith("HTTP/1.1 100")) return;
            socket.write('{"na');
            socket.destroy();
            resolve();
          });
          socket.on("close", () => resolve());
          socket.write(
            `POST /api/cohorts HTTP/1.1\r\nHost: 127.0.0.1:${loopback.port}\r\nAuthorization: Bearer tw_demo_admin\r\nContent-Type: application/json\r\nContent-Length: 50\r\nExpect: 100-continue\r\n\r\n`,
          );
        });
      }
      // Served after the aborts: the aborted requests were handled by then.
      const answer = await get(loopback.port, `127.0.0.1:${loopback.port}`, "/api/persons?limit=1");
      expect(answer.status).toBe(200);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });
});
