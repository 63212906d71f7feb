import { errorFactory } from "@toolwright/core/internal";

/** Every code @toolwright/server raises (each a `ToolwrightError`; recognise them with `isToolwrightError`). */
export type ServerErrorCode =
  | "invalid_config"
  | "invalid_definition"
  | "invalid_arguments"
  | "upstream_error"
  | "state_unavailable";

/** Constructs the errors this package raises. */
export const serverError = errorFactory<ServerErrorCode>();
