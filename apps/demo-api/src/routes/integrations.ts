import { paginate } from "../http/pagination.js";
import { IdParamsSchema, PaginationQuerySchema } from "../schemas/common.js";
import { IntegrationListSchema, IntegrationSchema, SlackChannelListSchema } from "../schemas/integrations.js";
import { scopes } from "../scopes.js";
import { getIntegration, listChannels, listIntegrations } from "../services/integrations.js";
import { type AnyRoute, defineRoute } from "./route.js";

/** Integration routes. */
export const integrationRoutes: AnyRoute[] = [
  defineRoute({
    method: "GET",
    path: "/api/integrations",
    operationId: "integrations_list",
    tag: "integrations",
    summary: "List integrations",
    description: "Slack and GitHub integrations of the project. Secrets are never returned.",
    scopes: scopes("integration:read"),
    query: PaginationQuerySchema,
    response: IntegrationListSchema,
    status: 200,
    handler: (context, { query }) =>
      paginate(context, query, listIntegrations(context.db, context.caller.projectId)),
  }),
  defineRoute({
    method: "GET",
    path: "/api/integrations/{id}",
    operationId: "integrations_retrieve",
    tag: "integrations",
    summary: "Get an integration",
    description: "One integration (kind, display name, non-secret config).",
    scopes: scopes("integration:read"),
    params: IdParamsSchema,
    response: IntegrationSchema,
    status: 200,
    handler: (context, { params }) => getIntegration(context.db, context.caller.projectId, params.id),
  }),
  defineRoute({
    method: "GET",
    path: "/api/integrations/{id}/channels",
    operationId: "integrations_channels_retrieve",
    tag: "integrations",
    summary: "List a Slack integration's channels",
    description:
      "Channels of a Slack integration's workspace (id, name, is_private, is_member). Use a channel's id as a Slack destination's inputs.channel.value. 400 for a non-Slack integration.",
    scopes: scopes("integration:read"),
    params: IdParamsSchema,
    query: PaginationQuerySchema,
    response: SlackChannelListSchema,
    status: 200,
    load: (context, { params }) => {
      getIntegration(context.db, context.caller.projectId, params.id);
    },
    handler: (context, { params, query }) => {
      const integration = getIntegration(context.db, context.caller.projectId, params.id);
      return paginate(context, query, listChannels(context.db, context.caller.projectId, integration));
    },
  }),
];
