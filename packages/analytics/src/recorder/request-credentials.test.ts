import { describe, expect, it } from "vitest";
import { requestCredentials } from "../redaction/request-credentials.js";
import { createMemorySink } from "../sinks/memory-sink.js";
import { createRecorder } from "./recorder.js";

/** The tool arguments inside `$mcp_parameters` (`{ request: { params: { arguments } } }`). */
function argumentsOf(event: { properties: Record<string, unknown> } | undefined): unknown {
  const parameters = event?.properties.$mcp_parameters as
    | { request?: { params?: { arguments?: unknown } } }
    | undefined;
  return parameters?.request?.params?.arguments;
}

// A demo-style key: no digit, no mixed case, so no pattern recognises it; only the request knows it.
const KEY = "tw_demo_admin";

function callFrom(key: string, sessionId: string) {
  return {
    sessionId,
    headers: { authorization: `Bearer ${key}` },
    toolName: "persons-list",
    arguments: { search: key, note: `echo ${key}` },
    result: { content: [{ type: "text", text: `no person named ${key}` }], isError: true },
    error: new Error(`upstream said Bearer-less ${key}`),
  };
}

describe("request credentials", () => {
  it("are read from credential headers, whole and after the scheme, short values ignored", () => {
    expect(
      requestCredentials({
        authorization: "Bearer abcdef123",
        "x-api-key": "xyz-key-1",
        accept: "text/html",
      }),
    ).toEqual(["Bearer abcdef123", "abcdef123", "xyz-key-1"]);
    expect(requestCredentials({ authorization: "Bearer abc" })).toEqual(["Bearer abc"]);
    expect(requestCredentials(undefined)).toEqual([]);
  });

  it("are redacted from every event of the request that carried them", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({ sink });
    recorder.recordToolsList({ sessionId: "s-1", headers: { "x-api-key": KEY }, toolNames: [KEY] });
    recorder.recordToolCall(callFrom(KEY, "s-1"));
    await recorder.flush();
    expect(sink.events.map((event) => event.event)).toEqual([
      "$mcp_tools_list",
      "$mcp_tool_call",
      "$exception",
    ]);
    const text = JSON.stringify(sink.events);
    expect(text).not.toContain(KEY);
    expect(text).toContain("[REDACTED]");
    await recorder.shutdown();
  });

  it("stay in clear when redactRequestCredentials is false, and never leak into another request", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({ sink, redactRequestCredentials: false });
    recorder.recordToolCall(callFrom(KEY, "s-1"));
    await recorder.flush();
    expect(JSON.stringify(sink.events)).toContain(KEY);

    const other = createMemorySink();
    const perRequest = createRecorder({ sink: other });
    perRequest.recordToolCall(callFrom(KEY, "s-1"));
    // A second caller's request may mention the first key as an ordinary argument: it is not its secret.
    perRequest.recordToolCall({ sessionId: "s-2", headers: {}, toolName: "t", arguments: { word: KEY } });
    await perRequest.flush();
    expect(argumentsOf(other.events.at(-1))).toEqual({ word: KEY });
    await Promise.all([recorder.shutdown(), perRequest.shutdown()]);
  });

  it("follow the headers when a dispatcher reuses one input object for another request", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({ sink });
    const other = "tw_demo_viewer";
    const input = { ...callFrom(KEY, "s-1"), error: undefined, result: undefined };
    recorder.recordToolCall(input);
    input.headers = { authorization: `Bearer ${other}` };
    input.arguments = { search: other, note: `echo ${other}` };
    recorder.recordToolCall(input);
    await recorder.flush();
    expect(sink.events).toHaveLength(2);
    expect(JSON.stringify(sink.events[0])).not.toContain(KEY);
    expect(JSON.stringify(sink.events[1])).not.toContain(other);
    expect(argumentsOf(sink.events[1])).toEqual({ search: "[REDACTED]", note: "echo [REDACTED]" });
    await recorder.shutdown();
  });

  it("of different callers stay apart when their requests alternate", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({ sink });
    const other = "tw_demo_viewer";
    for (let round = 0; round < 3; round++) {
      recorder.recordToolCall({
        sessionId: "a",
        headers: { "x-api-key": KEY },
        toolName: "t",
        arguments: { word: other, note: `echo ${KEY}` },
      });
      recorder.recordToolCall({
        sessionId: "b",
        headers: { "x-api-key": other },
        toolName: "t",
        arguments: { word: KEY, note: `echo ${other}` },
      });
    }
    await recorder.flush();
    const parameters = sink.events.map((event) => argumentsOf(event));
    expect(parameters).toHaveLength(6);
    // Each event hides its own request's key and keeps the other caller's key, an ordinary word to it.
    expect(parameters).toEqual(
      parameters.map((_, index) =>
        index % 2 === 0 ? { word: other, note: "echo [REDACTED]" } : { word: KEY, note: "echo [REDACTED]" },
      ),
    );
    await recorder.shutdown();
  });
});
