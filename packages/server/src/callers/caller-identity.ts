import type { CallerInfo } from "../catalog/tool-context.js";

/** Who a resolved caller is in usage analytics (the shape `@toolwright/analytics`' `identity` takes). */
export interface CallerIdentity {
  distinctId: string;
  properties: Record<string, unknown>;
  groups?: Record<string, string>;
}

/**
 * A stable caller id, never the credential nor a hash of it where an identifier exists: an OAuth
 * caller is its token's `sub` (`user:<sub>`), a key caller is the key's id from the upstream's
 * introspection (`key:<id>`). The project becomes a person property and the PostHog group. Undefined
 * when the caller has no identifier (a key whose lookup names no id, static scopes), which leaves the
 * recorder's own fallback (a hash of the key) to attribute the events.
 */
export function callerIdentity(caller: CallerInfo): CallerIdentity | undefined {
  const distinctId =
    caller.kind === "oauth"
      ? `user:${caller.id}`
      : caller.subject === undefined
        ? undefined
        : `key:${caller.subject}`;
  if (distinctId === undefined) return undefined;
  const projectId = caller.project?.id;
  const project =
    typeof projectId === "string" || typeof projectId === "number" ? String(projectId) : undefined;
  const properties: Record<string, unknown> = { scopes: [...caller.scopes] };
  if (project !== undefined) properties.project_id = project;
  if (typeof caller.project?.name === "string") properties.project_name = caller.project.name;
  if (caller.clientId !== undefined) properties.oauth_client_id = caller.clientId;
  return { distinctId, properties, ...(project === undefined ? {} : { groups: { project } }) };
}
