import { describe, expect, it } from "vitest";
import { createMemorySink, createRecorder, McpEventName } from "../src/index.js";
import { requestContext } from "../src/instrument/request-context.js";
import { eventsNamed } from "./helpers.js";

const SECRET = "tw_live_HeaderCanary0123456789";

/** A 2.x handler context over HTTP, whose headers count how often they were listed as a whole. */
function contextWithHeaders() {
  const native = new Headers({
    authorization: `Bearer ${SECRET}`,
    "user-agent": "claude-code/2.1",
    "x-anthropic-client": "cli",
    "x-team": "growth",
  });
  let wholeReads = 0;
  const headers = {
    get: (name: string) => native.get(name),
    forEach: (callback: (value: string, key: string) => void) => {
      wholeReads++;
      native.forEach(callback);
    },
  };
  return { extra: { http: { req: { headers } } }, wholeReads: () => wholeReads };
}

describe("request headers over SDK 2.x HTTP", () => {
  it("reads the headers a call needs by name, without listing them all", () => {
    const { extra, wholeReads } = contextWithHeaders();
    const context = requestContext(extra);
    expect(context.headers).toEqual({
      authorization: `Bearer ${SECRET}`,
      "user-agent": "claude-code/2.1",
      "x-anthropic-client": "cli",
    });
    expect(wholeReads()).toBe(0);
  });

  it("hands identify every header, and still records the client and redacts the credential", async () => {
    const sink = createMemorySink();
    const seen: Record<string, string>[] = [];
    const recorder = createRecorder({
      sink,
      redactRequestCredentials: true,
      identify: (request) => {
        seen.push(request.headers ?? {});
        return request.headers?.["x-team"] ?? null;
      },
    });
    const { extra, wholeReads } = contextWithHeaders();
    for (let call = 0; call < 3; call++) {
      recorder.recordToolCall({
        ...requestContext(extra),
        extra,
        toolName: "echo",
        arguments: { note: `sent ${SECRET}` },
        result: { content: [{ type: "text", text: "ok" }] },
      });
    }
    await recorder.flush();
    // identify runs once for the session, and only it lists the request's headers.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ "x-team": "growth", "user-agent": "claude-code/2.1" });
    expect(wholeReads()).toBe(1);
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls).toHaveLength(3);
    expect(calls.map((event) => event.distinct_id)).toEqual(["growth", "growth", "growth"]);
    expect(JSON.stringify(sink.events)).not.toContain(SECRET);
    expect(JSON.stringify(calls[0]?.properties)).toContain("claude-code");
    await recorder.shutdown();
  });
});
