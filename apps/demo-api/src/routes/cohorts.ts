import { paginate } from "../http/pagination.js";
import {
  CohortCreateSchema,
  CohortListQuerySchema,
  CohortListSchema,
  CohortSchema,
  CohortUpdateSchema,
} from "../schemas/cohorts.js";
import { IdParamsSchema } from "../schemas/common.js";
import { scopes } from "../scopes.js";
import {
  createCohort,
  getCohort,
  listCohorts,
  refuseCohortDelete,
  updateCohort,
} from "../services/cohorts.js";
import { type AnyRoute, defineRoute } from "./route.js";

/** Cohort routes. */
export const cohortRoutes: AnyRoute[] = [
  defineRoute({
    method: "GET",
    path: "/api/cohorts",
    operationId: "cohorts_list",
    tag: "cohorts",
    summary: "List cohorts",
    description: "Cohorts of the project with their member count and whether they are behavioral.",
    scopes: scopes("cohort:read"),
    query: CohortListQuerySchema,
    response: CohortListSchema,
    status: 200,
    handler: (context, { query }) =>
      paginate(
        context,
        query,
        listCohorts(context.db, context.caller.projectId, query.hide_behavioral_cohorts === true),
      ),
  }),
  defineRoute({
    method: "GET",
    path: "/api/cohorts/{id}",
    operationId: "cohorts_retrieve",
    tag: "cohorts",
    summary: "Get a cohort",
    description: "One cohort, its filters, member count and `is_behavioral`.",
    scopes: scopes("cohort:read"),
    params: IdParamsSchema,
    response: CohortSchema,
    status: 200,
    handler: (context, { params }) => getCohort(context.db, context.caller.projectId, params.id),
  }),
  defineRoute({
    method: "POST",
    path: "/api/cohorts",
    operationId: "cohorts_create",
    tag: "cohorts",
    summary: "Create a cohort",
    description:
      "Creates a static cohort (is_static + person_ids), a dynamic cohort (filters.properties) or a behavioral one (filters.events).",
    scopes: scopes("cohort:write"),
    body: CohortCreateSchema,
    response: CohortSchema,
    status: 201,
    handler: (context, { body }) => createCohort(context.db, context.caller.projectId, body),
  }),
  defineRoute({
    method: "PATCH",
    path: "/api/cohorts/{id}",
    operationId: "cohorts_partial_update",
    tag: "cohorts",
    summary: "Update a cohort",
    description:
      "Renames or redescribes a cohort; `deleted: true` soft-deletes it (it leaves the list, GET still answers), `false` restores it.",
    scopes: scopes("cohort:write"),
    params: IdParamsSchema,
    body: CohortUpdateSchema,
    response: CohortSchema,
    status: 200,
    handler: (context, { params, body }) =>
      updateCohort(context.db, context.caller.projectId, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    path: "/api/cohorts/{id}",
    operationId: "cohorts_destroy",
    tag: "cohorts",
    summary: "Delete a cohort (refused)",
    description:
      'Cohorts are not removed: this answers 405. Send PATCH /api/cohorts/{id} with {"deleted": true} to soft-delete one.',
    scopes: scopes("cohort:write"),
    params: IdParamsSchema,
    status: 204,
    handler: (_context, { params }) => refuseCohortDelete(params.id),
  }),
];
