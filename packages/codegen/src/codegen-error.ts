import { errorFactory } from "@toolwright/core/internal";

/** Every code @toolwright/codegen raises (each a `ToolwrightError`; recognise them with `isToolwrightError`). */
export type CodegenErrorCode = "invalid_config" | "invalid_spec";

/** Constructs the errors this package raises. */
export const codegenError = errorFactory<CodegenErrorCode>();
