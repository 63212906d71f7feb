import { paginate } from "../http/pagination.js";
import { IdParamsSchema } from "../schemas/common.js";
import {
  DestinationCreateSchema,
  DestinationListQuerySchema,
  DestinationListSchema,
  DestinationSchema,
  DestinationUpdateSchema,
} from "../schemas/destinations.js";
import { scopes } from "../scopes.js";
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  updateDestination,
} from "../services/destinations.js";
import { type AnyRoute, defineRoute } from "./route.js";

/** Destination routes (hog functions). */
export const destinationRoutes: AnyRoute[] = [
  defineRoute({
    method: "GET",
    path: "/api/destinations",
    operationId: "destinations_list",
    tag: "destinations",
    summary: "List destinations",
    description:
      "Destinations with their template, inputs and filters. Filter by alert_id to find the destinations already routing an alert.",
    scopes: scopes("hog_function:read"),
    query: DestinationListQuerySchema,
    response: DestinationListSchema,
    status: 200,
    handler: (context, { query }) =>
      paginate(context, query, listDestinations(context.db, context.caller.projectId, query.alert_id)),
  }),
  defineRoute({
    method: "GET",
    path: "/api/destinations/{id}",
    operationId: "destinations_retrieve",
    tag: "destinations",
    summary: "Get a destination",
    description: "One destination.",
    scopes: scopes("hog_function:read"),
    params: IdParamsSchema,
    response: DestinationSchema,
    status: 200,
    handler: (context, { params }) => getDestination(context.db, context.caller.projectId, params.id),
  }),
  defineRoute({
    method: "POST",
    path: "/api/destinations",
    operationId: "destinations_create",
    tag: "destinations",
    summary: "Create a destination",
    description:
      "Creates a Slack destination (inputs.slack_workspace.value = Slack integration id, inputs.channel.value = channel id) or a webhook destination (inputs.url.value, https only).",
    scopes: scopes("hog_function:write"),
    body: DestinationCreateSchema,
    response: DestinationSchema,
    status: 201,
    handler: (context, { body }) => createDestination(context.db, context.caller.projectId, body),
  }),
  defineRoute({
    method: "PATCH",
    path: "/api/destinations/{id}",
    operationId: "destinations_partial_update",
    tag: "destinations",
    summary: "Update a destination",
    description: "Updates the given fields; new inputs are validated against the destination's template.",
    scopes: scopes("hog_function:write"),
    params: IdParamsSchema,
    body: DestinationUpdateSchema,
    response: DestinationSchema,
    status: 200,
    handler: (context, { params, body }) =>
      updateDestination(context.db, context.caller.projectId, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    path: "/api/destinations/{id}",
    operationId: "destinations_destroy",
    tag: "destinations",
    summary: "Delete a destination",
    description: "Deletes a destination.",
    scopes: scopes("hog_function:write"),
    params: IdParamsSchema,
    status: 204,
    handler: (context, { params }) => deleteDestination(context.db, context.caller.projectId, params.id),
  }),
];
