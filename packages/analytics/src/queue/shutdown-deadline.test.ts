import { describe, expect, it } from "vitest";
import { createRecorder } from "../recorder/recorder.js";

describe("shutdown({ timeoutMs })", () => {
  it("gives up on a sink that never answers by the deadline and counts what it dropped", async () => {
    let sendCalls = 0;
    const recorder = createRecorder({
      sink: {
        send: () => {
          sendCalls++;
          return new Promise<void>(() => {});
        },
      },
      queue: { batchSize: 10, sendTimeoutMs: 60_000 },
      onError: () => {},
    });
    for (let index = 0; index < 25; index++) recorder.recordToolCall({ toolName: "t" });
    const report = await recorder.shutdown({ timeoutMs: 50 });
    expect(report).toEqual({ timedOut: true, dropped: 25 });
    expect(sendCalls).toBe(1);
    expect(recorder.stats()).toMatchObject({ queued: 0, sent: 0, dropped: 25 });
    recorder.recordToolCall({ toolName: "after" });
    expect(recorder.stats().dropped).toBe(26);
  });

  it("sends everything and drops nothing when the sink answers in time", async () => {
    const received: string[] = [];
    const recorder = createRecorder({
      sink: { send: async (events) => void received.push(...events.map((event) => event.event)) },
    });
    for (let index = 0; index < 3; index++) recorder.recordToolCall({ toolName: "t" });
    expect(await recorder.shutdown()).toEqual({ timedOut: false, dropped: 0 });
    expect(received).toHaveLength(3);
  });
});
