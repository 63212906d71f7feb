export type { TokenVerifier } from "./auth/api-token-verifier.js";
export {
  type AuthorizationServerOptions,
  DEFAULT_AUTH_PORT,
  DEFAULT_MCP_CLIENT,
  type RunningAuthorizationServer,
} from "./auth/authorization-server.js";
export { DEMO_USERS, type DemoUser, OAUTH_SCOPES } from "./auth/demo-users.js";
export { DEFAULT_DB_PATH, DEFAULT_PORT } from "./config.js";
export { seededRandom } from "./db/random.js";
export { declaredGuardsByOperation } from "./guards/declared-guards.js";
export { createOpenApiDocument, openApiText } from "./openapi/openapi-document.js";
export { ROUTES } from "./routes/all-routes.js";
export type { AnyRoute, RouteDefinition, RouteMethod } from "./routes/route.js";
export { DEMO_KEYS, SCOPE_RESOURCES } from "./scopes.js";
export { type DemoApiOptions, type RunningDemoApi, startDemoApi } from "./server.js";
