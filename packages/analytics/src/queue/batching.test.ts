import { describe, expect, it, vi } from "vitest";
import { createRecorder } from "../recorder/recorder.js";

describe("batching under steady load", () => {
  it("keeps records that arrive during a send for a full batch instead of sending a small one at once", async () => {
    const batches: number[] = [];
    let release: () => void = () => {};
    const firstSent = new Promise<void>((resolve) => {
      release = resolve;
    });
    const recorder = createRecorder({
      sink: {
        send: (events) => {
          batches.push(events.length);
          // The first batch stays in flight until the test lets it go.
          return batches.length === 1 ? firstSent : Promise.resolve();
        },
      },
      queue: { batchSize: 10, flushIntervalMs: 60_000 },
      onError: () => {},
    });
    for (let index = 0; index < 10; index++) recorder.recordToolCall({ toolName: "t" });
    // Building a batch yields to the loop when it runs long (a busy machine): wait for the send itself.
    await vi.waitFor(() => expect(batches).toEqual([10]), { timeout: 10_000 });
    for (let index = 0; index < 3; index++) recorder.recordToolCall({ toolName: "t" });
    release();
    await firstSent;
    // A turn of the event loop: long enough for a drain that sends partial batches to have sent the 3.
    await new Promise(setImmediate);
    expect(batches).toEqual([10]);
    expect(recorder.stats().queued).toBe(3);
    for (let index = 0; index < 7; index++) recorder.recordToolCall({ toolName: "t" });
    await vi.waitFor(() => expect(batches).toEqual([10, 10]), { timeout: 10_000 });
    // What is left at shutdown still goes out.
    recorder.recordToolCall({ toolName: "t" });
    expect(await recorder.shutdown()).toEqual({ timedOut: false, dropped: 0 });
    expect(batches).toEqual([10, 10, 1]);
  });
});
