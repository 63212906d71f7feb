import { describe, expect, it } from "vitest";
import { requestContext } from "./request-context.js";

describe("requestContext", () => {
  it("reads SDK 1.x extra: session id, auth info and plain headers", () => {
    const context = requestContext(
      {
        sessionId: "s-1",
        authInfo: { token: "t" },
        requestInfo: { headers: { Authorization: "Bearer x", "X-Many": ["a", "b"] } },
      },
      "fallback",
    );
    expect(context).toEqual({
      fallbackSessionId: "fallback",
      sessionId: "s-1",
      authInfo: { token: "t" },
      headers: { authorization: "Bearer x", "x-many": "a, b" },
    });
  });

  it("reads SDK 2.x ctx: http.authInfo, WHATWG headers and the 2026 _meta envelope", () => {
    const context = requestContext(
      {
        http: {
          authInfo: { clientId: "c" },
          req: new Request("http://127.0.0.1/", { headers: { "X-Api-Key": "k" } }),
        },
        mcpReq: {
          _meta: { trace: 1 },
          envelope: {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientInfo": { name: "agent", version: "3" },
          },
        },
      },
      "fallback",
    );
    expect(context).toEqual({
      fallbackSessionId: "fallback",
      authInfo: { clientId: "c" },
      headers: { "x-api-key": "k" },
      meta: { trace: 1 },
      protocolVersion: "2026-07-28",
      clientName: "agent",
      clientVersion: "3",
    });
  });
});
