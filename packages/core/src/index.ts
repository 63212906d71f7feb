export {
  type ArgumentBinding,
  ArgumentBindingSchema,
  type ArgumentRules,
  ArgumentRulesSchema,
  type BodyBinding,
  BodyBindingSchema,
  type BodyContentType,
  BodyContentTypeSchema,
  type CatalogTool,
  CatalogToolSchema,
  type FixedValue,
  FixedValueSchema,
  type HttpMethod,
  HttpMethodSchema,
  type ObjectJsonSchema,
  ObjectJsonSchemaSchema,
  type OperationBinding,
  OperationBindingSchema,
  parseToolDefinitions,
  TOOL_DEFINITIONS_FORMAT,
  type ToolDefinitionsFile,
  ToolDefinitionsFileSchema,
} from "./catalog/tool-definitions.js";
export { type ServeConfig, ServeConfigSchema } from "./config/serve-config.js";
export {
  CONFIG_FILE_NAMES,
  defineConfig,
  type ToolwrightConfig,
  ToolwrightConfigSchema,
} from "./config/toolwright-config.js";
export {
  type Annotations,
  AnnotationsSchema,
  annotationsRequired,
  type McpToolAnnotations,
  McpToolAnnotationsSchema,
  type ResolvedAnnotations,
  ResolvedAnnotationsSchema,
  resolveAnnotations,
  toMcpAnnotations,
} from "./definitions/annotations.js";
export {
  type DefinitionFile,
  type DefinitionFileInput,
  DefinitionFileSchema,
  effectiveFeatureFlag,
} from "./definitions/definition-file.js";
export {
  type DefinitionIssue,
  definitionIssuesError,
  formatDefinitionIssue,
} from "./definitions/definition-issue.js";
export { checkDefinitionSet, type LoadedDefinitionFile } from "./definitions/definition-set.js";
export { FOREIGN_FILE_KEYS, FOREIGN_TOOL_KEYS } from "./definitions/foreign-keys.js";
export {
  FeatureIdSchema,
  featureIdProblem,
  MAX_TOOL_NAME_LENGTH,
  ToolNameSchema,
  toolNameProblem,
} from "./definitions/naming.js";
export {
  applyParamCast,
  PARAM_CAST_INPUT,
  type ParamCast,
  ParamCastSchema,
} from "./definitions/param-cast.js";
export {
  definitionKeyLine,
  type ParseDefinitionResult,
  parseDefinitionFile,
  safeParseDefinitionFile,
} from "./definitions/parse-definition-file.js";
export { type ResponseFilter, ResponseFilterSchema } from "./definitions/response-filter.js";
export {
  ConfirmOptionSchema,
  EnrichUrlSchema,
  type FeatureFlagBehavior,
  FeatureFlagBehaviorSchema,
  type ParamOverride,
  ParamOverrideSchema,
  type ToolConfig,
  type ToolConfigInput,
  ToolConfigSchema,
  toolGuards,
} from "./definitions/tool-config.js";
export {
  type ContextSource,
  ContextSourceSchema,
  DEFAULT_MCP_VERSION,
  MCP_VERSIONS,
  type McpVersion,
  McpVersionSchema,
  type SoftDelete,
  SoftDeleteSchema,
} from "./definitions/tool-vocabulary.js";
export {
  type CoreErrorCode,
  type ErrorLocation,
  formatLocation,
  isToolwrightError,
  ToolwrightError,
  type ToolwrightErrorOptions,
} from "./errors/toolwright-error.js";
export {
  CONFIRMATION_TOKEN_ARGUMENT,
  type ConfirmationFailureReason,
  type ConfirmationPayload,
  type ConfirmationResult,
  type CreateConfirmationOptions,
  createConfirmationToken,
  createMemoryReplayStore,
  type ReplayStore,
  type VerifyConfirmationOptions,
  verifyConfirmationToken,
} from "./guards/confirmation.js";
export {
  evaluateGuards,
  type GuardCall,
  type GuardContext,
  type GuardRejection,
  type GuardRejectionReason,
  type GuardResult,
  guardRejectionError,
} from "./guards/evaluate.js";
export {
  type AcknowledgedCountGuard,
  AcknowledgedCountGuardSchema,
  type AllowValuesGuard,
  AllowValuesGuardSchema,
  type ConfirmGuard,
  ConfirmGuardSchema,
  type Guard,
  type GuardInput,
  type GuardLookup,
  GuardLookupSchema,
  GuardSchema,
  type GuardType,
  type GuardValue,
  GuardValueSchema,
  type RejectFieldsGuard,
  RejectFieldsGuardSchema,
  type RequireStateGuard,
  RequireStateGuardSchema,
} from "./guards/guard.js";
export {
  createMemoryRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitSubject,
  rateLimitKey,
  rateLimitMessage,
  retryAfterSentence,
} from "./guards/rate-limit.js";
export { type RateLimitGuard, RateLimitGuardSchema } from "./guards/rate-limit-guard.js";
export { DotPathSchema } from "./json/dot-path.js";
export {
  isScope,
  isScopeResource,
  type ParsedScope,
  parseScope,
  type Scope,
  type ScopeAccess,
  ScopeAccessSchema,
  ScopeSchema,
  scope,
} from "./scopes/scope.js";
export {
  accessForMethod,
  defaultScopes,
  grants,
  hasScopes,
  missingScopes,
  parseScopes,
  readScopes,
} from "./scopes/scope-set.js";
