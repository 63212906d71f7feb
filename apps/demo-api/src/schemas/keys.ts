import { ScopeSchema } from "@toolwright/core";
import { z } from "zod";
import { TimestampSchema } from "./common.js";
import { component } from "./registry.js";

export const KeyCreateSchema = component(
  "ApiKeyCreate",
  z.strictObject({
    name: z.string().min(1).max(200),
    scopes: z.array(z.string().pipe(ScopeSchema)).min(1).meta({
      description: "Scopes such as 'person:read', 'hog_flow:write' or '*'; at most the caller's own.",
    }),
  }),
);

/** A newly created key: the secret is in `key`, shown this once. */
export const CreatedKeySchema = component(
  "ApiKeyCreated",
  z.object({
    id: z.int(),
    name: z.string(),
    key: z.string().meta({ description: "The secret. It is stored hashed and never shown again." }),
    scopes: z.array(z.string()),
    project_id: z.int(),
    created_at: TimestampSchema,
  }),
);

/** Who the caller is: the key's project and scopes. */
export const CurrentKeySchema = component(
  "ApiKeyCurrent",
  z.object({
    id: z.int(),
    name: z.string(),
    scopes: z.array(z.string()),
    project: z.object({ id: z.int(), name: z.string() }),
  }),
);
