import { errorFactory } from "@toolwright/core/internal";

/** Every code @toolwright/analytics raises (each a `ToolwrightError`; recognise them with `isToolwrightError`). */
export type AnalyticsErrorCode = "invalid_config" | "upstream_error";

/** Constructs the errors this package raises. */
export const analyticsError = errorFactory<AnalyticsErrorCode>();
