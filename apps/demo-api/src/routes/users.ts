import { paginate } from "../http/pagination.js";
import { PaginationQuerySchema } from "../schemas/common.js";
import { type User, UserListSchema } from "../schemas/users.js";
import { scopes } from "../scopes.js";
import { type AnyRoute, defineRoute } from "./route.js";

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
    handler: (context, { query }) => {
      const users = context.db
        .prepare("SELECT id, email, name FROM users WHERE project_id = ? ORDER BY id")
        .all(context.caller.projectId) as User[];
      return paginate(context, query, users);
    },
  }),
];
