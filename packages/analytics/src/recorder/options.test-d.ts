import { describe, expectTypeOf, it } from "vitest";
import type { Sink } from "../sinks/sink.js";
import type { AnalyticsOptions, ResolvedOptions } from "./options.js";

describe("AnalyticsOptions (the settings schema's input plus the hooks)", () => {
  it("needs only a sink", () => {
    expectTypeOf<{ sink: Sink }>().toExtend<AnalyticsOptions>();
    expectTypeOf<{ sampleRate: number }>().not.toExtend<AnalyticsOptions>();
  });

  it("takes the schema's plain-data options with their own types", () => {
    expectTypeOf<AnalyticsOptions["sampleRate"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<AnalyticsOptions["captureModel"]>().toEqualTypeOf<
      boolean | { description?: string | undefined } | undefined
    >();
    expectTypeOf<{ sink: Sink; queue: { batchSize: number } }>().toExtend<AnalyticsOptions>();
    expectTypeOf<{ sink: Sink; queue: { batch: number } }>().not.toExtend<AnalyticsOptions>();
  });

  it("resolves the settings to their defaulted output types", () => {
    expectTypeOf<ResolvedOptions["sampleRate"]>().toEqualTypeOf<number>();
    expectTypeOf<ResolvedOptions["serverInfo"]>().toEqualTypeOf<
      { name: string; version?: string | undefined } | undefined
    >();
  });
});
