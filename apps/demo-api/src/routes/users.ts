import { z } from "zod";
import { ApiError } from "../http/api-error.js";
import { paginate } from "../http/pagination.js";
import { IdSchema, PaginationQuerySchema } from "../schemas/common.js";
import { type User, UserListSchema } from "../schemas/users.js";
import { scopes } from "../scopes.js";
import { type AnyRoute, defineRoute } from "./route.js";

/** A project-scoped path: the project must be the calling key's own. */
const ProjectParamsSchema = z.strictObject({
  project_id: IdSchema.meta({
    description: "The project's id; only the calling key's own project is found.",
  }),
});

function projectUsers(context: Parameters<AnyRoute["handler"]>[0]): User[] {
  return context.db
    .prepare("SELECT id, email, name FROM users WHERE project_id = ? ORDER BY id")
    .all(context.caller.projectId) as User[];
}

/** Team member routes. */
export const userRoutes: AnyRoute[] = [
  defineRoute({
    method: "GET",
    path: "/api/users",
    operationId: "users_list",
    tag: "users",
    summary: "List team members",
    description: "The project's team members (id, email, name); alerts notify them through subscribed_users.",
    scopes: scopes("organization_member:read"),
    query: PaginationQuerySchema,
    response: UserListSchema,
    status: 200,
    handler: (context, { query }) => paginate(context, query, projectUsers(context)),
  }),
  defineRoute({
    method: "GET",
    path: "/api/projects/{project_id}/members",
    operationId: "project_members_list",
    tag: "users",
    summary: "List a project's members",
    description:
      "The team members of one project, by the project's id in the path (the calling key's own project).",
    scopes: scopes("organization_member:read"),
    params: ProjectParamsSchema,
    query: PaginationQuerySchema,
    response: UserListSchema,
    status: 200,
    handler: (context, { params, query }) => {
      if (params.project_id !== context.caller.projectId) {
        throw new ApiError(
          404,
          "not_found",
          `Project ${params.project_id} does not exist or is not this key's project.`,
        );
      }
      return paginate(context, query, projectUsers(context));
    },
  }),
];
