import { withDeclaredGuards } from "../guards/declared-guards.js";
import { alertRoutes } from "./alerts.js";
import { cohortRoutes } from "./cohorts.js";
import { destinationRoutes } from "./destinations.js";
import { integrationRoutes } from "./integrations.js";
import { keyRoutes } from "./keys.js";
import { personRoutes } from "./persons.js";
import type { AnyRoute } from "./route.js";
import { userRoutes } from "./users.js";
import { workflowRoutes } from "./workflows.js";

/**
 * The route table: the router serves it and the OpenAPI document is generated from it. Guards come from
 * `mcp/*.yaml`, per operation.
 */
export const ROUTES: readonly AnyRoute[] = withDeclaredGuards([
  ...personRoutes,
  ...cohortRoutes,
  ...alertRoutes,
  ...integrationRoutes,
  ...destinationRoutes,
  ...workflowRoutes,
  ...keyRoutes,
  ...userRoutes,
]);
