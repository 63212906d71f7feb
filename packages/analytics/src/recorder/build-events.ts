import type { AnalyticsEvent } from "../events/analytics-event.js";
import { uuidv7 } from "../events/uuidv7.js";
import { LIBRARY_NAME, LIBRARY_VERSION, McpEventName, McpProperty } from "../events/vocabulary.js";
import { fitEventSize } from "../redaction/fit-event-size.js";
import { type JsonValue, type SanitizeOptions, sanitize, sanitizeString } from "../redaction/sanitize.js";
import { REDACTED } from "../redaction/secret-patterns.js";
import { isSensitiveKey } from "../redaction/sensitive-keys.js";
import type { Identity } from "./identity.js";
import type { ResolvedOptions } from "./options.js";
import type { PendingRecord } from "./pending-record.js";
import type { SessionState } from "./session-store.js";

/** What turning records into events needs besides the options. */
export interface BuildContext {
  options: ResolvedOptions;
  /** The distinct id of events that have neither an identity nor a session. */
  anonymousId: string;
  serverInfo(): { name?: string | undefined; version?: string | undefined };
  /** Counts events removed by `beforeSend`. */
  countFiltered(count: number): void;
}

/** Turns a batch of queued records into redacted, truncated, PostHog-shaped events. */
export async function buildEvents(
  records: PendingRecord[],
  context: BuildContext,
): Promise<AnalyticsEvent[]> {
  const events: AnalyticsEvent[] = [];
  for (const record of records) {
    try {
      // Awaiting only when identify is in play keeps the common path free of extra microtasks.
      const identity = record.session?.identity ? await identityOf(record.session, context.options) : null;
      const identifyEvent = identifyEventFor(record, identity);
      if (identifyEvent) pushFinal(events, identifyEvent, context, record.requestSecrets);
      pushFinal(events, assemble(record, identity, context), context, record.requestSecrets);
    } catch (error) {
      // A failing hook (eventProperties, toolInfo) loses its own event, never the batch.
      context.options.onError(error);
      context.countFiltered(1);
    }
  }
  return events;
}

async function identityOf(
  session: SessionState | undefined,
  options: ResolvedOptions,
): Promise<Identity | null> {
  if (!session?.identity) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), options.identifyTimeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([session.identity, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The first event of an identified session is preceded by one `$identify` carrying `$set`.
function identifyEventFor(record: PendingRecord, identity: Identity | null): AnalyticsEvent | undefined {
  const session = record.session;
  if (!session || !identity || session.identifySent) return undefined;
  session.identifySent = true;
  const properties: Record<string, unknown> = {
    [McpProperty.sessionId]: session.id,
    [McpProperty.library]: LIBRARY_NAME,
    [McpProperty.libraryVersion]: LIBRARY_VERSION,
  };
  if (identity.properties) properties[McpProperty.set] = identity.properties;
  return shape(McpEventName.identify, identity.distinctId, properties, record.timestamp);
}

function assemble(record: PendingRecord, identity: Identity | null, context: BuildContext): AnalyticsEvent {
  const properties = commonProperties(record, context);
  const extra = extraProperties(record, context);
  if (extra) Object.assign(properties, extra);
  Object.assign(properties, record.properties);
  const distinctId = record.distinctId ?? identity?.distinctId ?? record.session?.id ?? context.anonymousId;
  if (!record.distinctId && !identity) properties[McpProperty.processPersonProfile] = false;
  return shape(record.event, distinctId, properties, record.timestamp);
}

function commonProperties(record: PendingRecord, context: BuildContext): Record<string, unknown> {
  const session = record.session;
  const server = context.serverInfo();
  const properties: Record<string, unknown> = {
    [McpProperty.library]: LIBRARY_NAME,
    [McpProperty.libraryVersion]: LIBRARY_VERSION,
  };
  setIfDefined(properties, McpProperty.sessionId, session?.id);
  setIfDefined(properties, McpProperty.clientName, session?.clientName);
  setIfDefined(properties, McpProperty.clientVersion, session?.clientVersion);
  setIfDefined(properties, McpProperty.protocolVersion, session?.protocolVersion);
  setIfDefined(properties, McpProperty.serverName, server.name);
  setIfDefined(properties, McpProperty.serverVersion, server.version);
  if (record.toolName !== undefined) {
    const info = context.options.toolInfo?.(record.toolName);
    setIfDefined(properties, McpProperty.toolCategory, info?.category);
    setIfDefined(properties, McpProperty.toolFeature, info?.feature);
  }
  return properties;
}

function extraProperties(record: PendingRecord, context: BuildContext): Record<string, unknown> | undefined {
  const extra = context.options.eventProperties;
  if (typeof extra !== "function") return extra;
  return extra({ event: record.event, sessionId: record.session?.id, toolName: record.toolName });
}

function setIfDefined(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null && value !== "") target[key] = value;
}

function shape(
  event: string,
  distinctId: string,
  properties: Record<string, unknown>,
  timestamp: number,
): AnalyticsEvent {
  return {
    event,
    distinct_id: distinctId,
    properties,
    timestamp: new Date(timestamp).toISOString(),
    uuid: uuidv7(timestamp),
  };
}

// beforeSend sees the assembled event; whatever it returns is then redacted and truncated.
function pushFinal(
  events: AnalyticsEvent[],
  event: AnalyticsEvent,
  context: BuildContext,
  requestSecrets: readonly string[] | undefined,
): void {
  const { options } = context;
  let kept: AnalyticsEvent | null | undefined = event;
  if (options.beforeSend) {
    try {
      kept = options.beforeSend(event);
    } catch (error) {
      options.onError(error);
      kept = null;
    }
  }
  if (!kept) {
    context.countFiltered(1);
    return;
  }
  const sanitizeOptions = withSecrets(options.sanitize, requestSecrets);
  const identifierOptions = withSecrets(options.sanitizeIdentifier, requestSecrets);
  const clean: AnalyticsEvent = {
    event: sanitizeString(String(kept.event), identifierOptions),
    distinct_id: sanitizeString(String(kept.distinct_id), identifierOptions),
    properties: sanitizeProperties(kept.properties ?? {}, sanitizeOptions),
    timestamp: String(kept.timestamp),
    uuid: String(kept.uuid),
  };
  events.push(fitEventSize(clean, options.maxEventBytes, sanitizeOptions));
}

/**
 * The request's own credentials join the recorder's secrets for this event only. The merged options
 * are kept per credential set, so the events of one caller share one `secrets` list and with it
 * `redactString`'s cache of redacted strings (a new list per event would start a new cache each time).
 * At most MAX_CREDENTIAL_SETS sets are kept per options object: past that the map starts over.
 */
function withSecrets(
  options: SanitizeOptions,
  requestSecrets: readonly string[] | undefined,
): SanitizeOptions {
  if (!requestSecrets || requestSecrets.length === 0) return options;
  let byCredentials = mergedOptions.get(options);
  if (!byCredentials) {
    byCredentials = new Map();
    mergedOptions.set(options, byCredentials);
  }
  const key = requestSecrets.join("\u0000");
  let merged = byCredentials.get(key);
  if (!merged) {
    if (byCredentials.size >= MAX_CREDENTIAL_SETS) byCredentials.clear();
    merged = { ...options, secrets: [...requestSecrets, ...options.secrets] };
    byCredentials.set(key, merged);
  }
  return merged;
}

const MAX_CREDENTIAL_SETS = 256;
const mergedOptions = new WeakMap<SanitizeOptions, Map<string, SanitizeOptions>>();

// Top-level `$` properties are this package's own vocabulary, so only their values are scanned.
function sanitizeProperties(
  properties: Record<string, unknown>,
  options: SanitizeOptions,
): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || typeof value === "function") continue;
    const sensitive = !key.startsWith("$") && isSensitiveKey(key);
    const keepsValue = value === null || typeof value === "number" || typeof value === "boolean";
    result[sanitizeString(key, options)] = sensitive && !keepsValue ? REDACTED : sanitize(value, options);
  }
  return result;
}
