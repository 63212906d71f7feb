import { hasScopes, missingScopes, type Scope } from "@toolwright/core";
import { ApiError } from "../http/api-error.js";
import { CreatedKeySchema, CurrentKeySchema, KeyCreateSchema } from "../schemas/keys.js";
import { scopes } from "../scopes.js";
import { now } from "../services/json-columns.js";
import { generateKey, storeKey } from "../services/keys.js";
import { type AnyRoute, defineRoute } from "./route.js";

/** API key routes. */
export const keyRoutes: AnyRoute[] = [
  defineRoute({
    method: "POST",
    path: "/api/keys",
    operationId: "keys_create",
    tag: "keys",
    summary: "Create an API key",
    description:
      "Creates a key in the caller's project with the chosen scopes (at most the caller's own). The secret is returned once.",
    scopes: scopes("api_key:write"),
    body: KeyCreateSchema,
    response: CreatedKeySchema,
    status: 201,
    handler: (context, { body }) => {
      const requested = body.scopes as Scope[];
      // A key must not mint a key stronger than itself.
      if (!hasScopes(context.caller.scopes, requested)) {
        const missing = missingScopes(context.caller.scopes, requested);
        throw new ApiError(
          403,
          "insufficient_scope",
          "A new key cannot have scopes that the calling key lacks.",
          {
            missing_scopes: missing,
          },
        );
      }
      const secret = generateKey();
      const createdAt = now();
      const id = storeKey(context.db, {
        projectId: context.caller.projectId,
        name: body.name,
        secret,
        scopes: requested,
        createdAt,
      });
      return {
        id,
        name: body.name,
        key: secret,
        scopes: requested,
        project_id: context.caller.projectId,
        created_at: createdAt,
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/api/keys/@current",
    operationId: "keys_current_retrieve",
    tag: "keys",
    summary: "Describe the calling key",
    description: "The calling key's id, name, project and scopes. Any valid key may call it.",
    scopes: [],
    response: CurrentKeySchema,
    status: 200,
    handler: (context) => {
      const project = context.db
        .prepare("SELECT id, name FROM projects WHERE id = ?")
        .get(context.caller.projectId) as { id: number; name: string };
      return {
        id: context.caller.keyId,
        name: context.caller.keyName,
        scopes: context.caller.scopes,
        project,
      };
    },
  }),
];
