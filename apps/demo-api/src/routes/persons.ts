import { paginate } from "../http/pagination.js";
import { IdParamsSchema } from "../schemas/common.js";
import { PersonListQuerySchema, PersonListSchema, PersonSchema } from "../schemas/persons.js";
import { scopes } from "../scopes.js";
import { getPerson, listPersons } from "../services/persons.js";
import { type AnyRoute, defineRoute } from "./route.js";

/** Person routes. */
export const personRoutes: AnyRoute[] = [
  defineRoute({
    method: "GET",
    path: "/api/persons",
    operationId: "persons_list",
    tag: "persons",
    summary: "List persons",
    description: "Persons of the project with their properties (email, name, plan, country, ...), paginated.",
    scopes: scopes("person:read"),
    query: PersonListQuerySchema,
    response: PersonListSchema,
    status: 200,
    handler: (context, { query }) =>
      paginate(context, query, listPersons(context.db, context.caller.projectId, query.search)),
  }),
  defineRoute({
    method: "GET",
    path: "/api/persons/{id}",
    operationId: "persons_retrieve",
    tag: "persons",
    summary: "Get a person",
    description: "One person and their properties.",
    scopes: scopes("person:read"),
    params: IdParamsSchema,
    response: PersonSchema,
    status: 200,
    handler: (context, { params }) => getPerson(context.db, context.caller.projectId, params.id),
  }),
];
