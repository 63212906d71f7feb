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
export {
  ACKNOWLEDGED_AUDIENCE_GUARD,
  BATCH_RUN_GUARDS,
  CHANNEL_GUARDS,
  CHANNELS_RATE_LIMIT_GUARD,
  NO_AUDIENCE_EVENTS_GUARD,
  NO_BEHAVIORAL_COHORTS_GUARD,
  SLACK_ONLY_GUARD,
  WORKFLOW_ACTIVE_GUARD,
  WORKFLOW_BATCH_TRIGGER_GUARD,
  WORKFLOW_CREATE_GUARDS,
  WORKFLOW_DELETE_GUARDS,
  WORKFLOW_EDITABLE_GUARD,
  WORKFLOW_UPDATE_GUARDS,
} from "./guards.js";
export { createOpenApiDocument, openApiText } from "./openapi/openapi-document.js";
export { ROUTES } from "./routes/all-routes.js";
export type { AnyRoute, RouteDefinition, RouteMethod } from "./routes/route.js";
export { DEMO_KEYS, SCOPE_RESOURCES } from "./scopes.js";
export { type DemoApiOptions, type RunningDemoApi, startDemoApi } from "./server.js";
