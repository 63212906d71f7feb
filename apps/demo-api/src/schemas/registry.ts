import { z } from "zod";

/** Metadata of a named component schema in the OpenAPI document. */
export interface ComponentMeta {
  id: string;
  description?: string;
}

/** Every named schema of the API; the OpenAPI generator turns each into `components.schemas.<id>`. */
export const componentRegistry = z.registry<ComponentMeta>();

/** Registers a schema as a named OpenAPI component and returns it unchanged. */
export function component<Schema extends z.ZodType>(
  id: string,
  schema: Schema,
  description?: string,
): Schema {
  // The description goes through `.meta()` so the JSON Schema conversion emits it.
  const described = description === undefined ? schema : (schema.meta({ description }) as Schema);
  componentRegistry.add(described, { id });
  return described;
}
