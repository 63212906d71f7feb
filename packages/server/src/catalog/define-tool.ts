import type { GuardInput, McpToolAnnotations } from "@toolwright/core";
import type { z } from "zod";
import type { ToolContext } from "./tool-context.js";

/** Behaviour hints of a hand-written tool; unset hints default from `readOnlyHint`. */
export type HandwrittenAnnotations = Partial<McpToolAnnotations> & { readOnlyHint: boolean };

/** What `defineTool` takes: the tool's metadata, a Zod input schema and a typed handler. */
export interface HandwrittenToolConfig<Input extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Input;
  /** Zod schema of the result; when given it is advertised as `outputSchema` and returned as `structuredContent`. */
  output?: z.ZodObject;
  scopes: readonly string[];
  annotations: HandwrittenAnnotations;
  guards?: readonly GuardInput[];
  /** Feature id for `?features=` filtering; default `custom`. */
  feature?: string;
  category?: string;
  featureFlag?: { key: string; behavior: "enable" | "disable" };
  /** Set when this tool intentionally replaces a generated tool of the same name. */
  replaces?: true;
  handler: (args: z.output<Input>, context: ToolContext) => unknown;
}

/** A hand-written tool, ready for `createCatalog({ tools })`. */
export interface HandwrittenTool {
  readonly kind: "handwritten";
  readonly config: HandwrittenToolConfig<z.ZodObject>;
}

/**
 * Declares a hand-written tool. Arguments reach the handler typed from the Zod input schema,
 * after the same scope checks, validation and guards as generated tools.
 */
export function defineTool<Input extends z.ZodObject>(config: HandwrittenToolConfig<Input>): HandwrittenTool {
  return { kind: "handwritten", config: config as unknown as HandwrittenToolConfig<z.ZodObject> };
}
