import { isRecord } from "@toolwright/core/internal";
import type { AnalyticsEvent } from "../events/analytics-event.js";
import { uuidv7 } from "../events/uuidv7.js";
import {
  LIBRARY_NAME,
  LIBRARY_VERSION,
  MCP_SOURCE,
  McpEventName,
  McpProperty,
} from "../events/vocabulary.js";
import { loopSlices } from "../queue/loop-slices.js";
import { fitEventSize } from "../redaction/fit-event-size.js";
import { type JsonValue, type SanitizeOptions, sanitize, sanitizeString } from "../redaction/sanitize.js";
import { REDACTED } from "../redaction/secret-patterns.js";
import { isSensitiveKey } from "../redaction/sensitive-keys.js";
import { type IdentifiedCallers, type Identity, requestFields } from "./identity.js";
import type { EventPropertiesInput, ResolvedOptions } from "./options.js";
import type { PendingRecord } from "./pending-record.js";
import type { SessionState } from "./session-store.js";

/** What turning records into events needs besides the options. */
export interface BuildContext {
  options: ResolvedOptions;
  /** The distinct id of events that have neither an identity nor a session. */
  anonymousId: string;
  /** Callers already identified with their current properties. */
  identified: IdentifiedCallers;
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
  const slices = loopSlices();
  for (const record of records) {
    // Redacting a batch of large results takes a while: give requests the loop between slices.
    const paused = slices.pause();
    if (paused) await paused;
    try {
      // Awaiting only when identify is in play keeps the common path free of extra microtasks.
      const identity =
        record.identity ??
        (record.session?.identity ? await identityOf(record.session, context.options) : null);
      if (record.pendingIntent) await applyInferredIntent(record, context.options);
      const identifyEvent = identifyEventFor(record, identity, context);
      // A promise only when `beforeSend` returned one; the usual path stays synchronous.
      if (identifyEvent) await pushFinal(events, identifyEvent, context, record.requestSecrets);
      let extra = extraProperties(record, context);
      if (extra instanceof Promise) extra = await settleWithin(extra, context.options.identifyTimeoutMs);
      const assembled = assemble(record, identity, context, extra);
      const pending = pushFinal(events, assembled, context, record.requestSecrets);
      if (pending) await pending;
    } catch (error) {
      // A failing hook (eventProperties, toolInfo) loses its own event, never the batch.
      context.options.onError(error);
      context.countFiltered(1);
    }
  }
  return events;
}

// The same deadline as identify: a slow or failing fallback costs the intent, never the event.
async function applyInferredIntent(record: PendingRecord, options: ResolvedOptions): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), options.identifyTimeoutMs);
    timer.unref();
  });
  try {
    const intent = await Promise.race([record.pendingIntent, timeout]);
    if (typeof intent === "string" && intent.trim() !== "") {
      record.properties[McpProperty.intent] = intent.trim();
      record.properties[McpProperty.intentSource] = "inferred";
    }
  } catch (error) {
    options.onError(error);
  } finally {
    clearTimeout(timer);
  }
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

// A caller's first event (or the first after its properties changed) is preceded by one `$identify`.
function identifyEventFor(
  record: PendingRecord,
  identity: Identity | null,
  context: BuildContext,
): AnalyticsEvent | undefined {
  if (!identity || !context.identified.needsIdentify(identity)) return undefined;
  const properties = commonProperties(record, context);
  if (identity.properties) properties[McpProperty.set] = identity.properties;
  if (identity.groups && Object.keys(identity.groups).length > 0)
    properties[McpProperty.groups] = identity.groups;
  return shape(McpEventName.identify, identity.distinctId, properties, record.timestamp);
}

function assemble(
  record: PendingRecord,
  identity: Identity | null,
  context: BuildContext,
  extra: Record<string, unknown> | null | undefined,
): AnalyticsEvent {
  const properties = commonProperties(record, context);
  if (isRecord(extra)) Object.assign(properties, extra);
  Object.assign(properties, record.properties);
  const distinctId = record.distinctId ?? identity?.distinctId ?? record.session?.id ?? context.anonymousId;
  if (!record.distinctId && !identity) properties[McpProperty.processPersonProfile] = false;
  if (identity?.properties && !record.exception) properties[McpProperty.set] = identity.properties;
  if (identity?.groups && Object.keys(identity.groups).length > 0)
    properties[McpProperty.groups] = identity.groups;
  return shape(record.event, distinctId, properties, record.timestamp);
}

function commonProperties(record: PendingRecord, context: BuildContext): Record<string, unknown> {
  const session = record.session;
  const server = context.serverInfo();
  const properties: Record<string, unknown> = {
    [McpProperty.source]: MCP_SOURCE,
    [McpProperty.library]: LIBRARY_NAME,
    [McpProperty.libraryVersion]: LIBRARY_VERSION,
    [McpProperty.isServer]: true,
    [McpProperty.geoipDisable]: true,
  };
  setIfDefined(properties, McpProperty.sessionId, session?.id);
  setIfDefined(properties, McpProperty.clientUserAgent, record.userAgent);
  setIfDefined(properties, McpProperty.vendorClient, record.vendorClient);
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

// A function gets the event's facts and the request's JSON-RPC fields, and the SDK's `extra` second.
function extraProperties(record: PendingRecord, context: BuildContext) {
  const extra = context.options.eventProperties;
  if (typeof extra !== "function") return extra;
  const input = requestFields(record.request) as EventPropertiesInput;
  input.event = record.event;
  input.sessionId = record.session?.id;
  input.toolName = record.toolName;
  return extra(input, isRecord(record.extra) ? record.extra : undefined);
}

// A slow hook costs its properties after the deadline, never the event; a rejection is a hook failure.
async function settleWithin<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
): Promise<void> | undefined {
  const { options } = context;
  let kept: AnalyticsEvent | null | undefined = event;
  if (options.beforeSend) {
    try {
      const answer = options.beforeSend(event);
      if (answer instanceof Promise) {
        return answer.then(
          (settled) => keepFinal(events, settled, context, requestSecrets),
          (error: unknown) => {
            options.onError(error);
            keepFinal(events, null, context, requestSecrets);
          },
        );
      }
      kept = answer;
    } catch (error) {
      options.onError(error);
      kept = null;
    }
  }
  keepFinal(events, kept, context, requestSecrets);
  return undefined;
}

function keepFinal(
  events: AnalyticsEvent[],
  kept: AnalyticsEvent | null | undefined,
  context: BuildContext,
  requestSecrets: readonly string[] | undefined,
): void {
  const { options } = context;
  if (!kept) {
    context.countFiltered(1);
    return;
  }
  const sanitizeOptions = withSecrets(options.sanitize, requestSecrets);
  const identifierOptions = withSecrets(options.sanitizeIdentifier, requestSecrets);
  const clean: AnalyticsEvent = {
    event: sanitizeString(String(kept.event), identifierOptions),
    distinct_id: cleanIdentifier(kept.distinct_id, identifierOptions),
    properties: sanitizeProperties(kept.properties ?? {}, sanitizeOptions, identifierOptions),
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

/**
 * Identifiers (`distinct_id`, `$session_id`, `$groups`) are not secrets: they skip the secret patterns
 * (a key id or a hash would look like one) and only lose exact secrets, such as the request's own
 * credential copied there by mistake, and their length beyond the identifier limit.
 */
function cleanIdentifier(value: unknown, options: SanitizeOptions): string {
  let text = String(value);
  for (const secret of options.secrets) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
  return text.length > options.maxStringLength ? text.slice(0, options.maxStringLength) : text;
}

const IDENTIFIER_PROPERTIES = new Set<string>([McpProperty.sessionId, McpProperty.conversationId]);

function cleanGroups(value: unknown, options: SanitizeOptions): JsonValue {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const groups: Record<string, JsonValue> = {};
  for (const [type, key] of Object.entries(value).slice(0, options.maxBreadth))
    groups[cleanIdentifier(type, options)] = cleanIdentifier(key, options);
  return groups;
}

// Top-level `$` properties are this package's own vocabulary, so only their values are scanned.
function sanitizeProperties(
  properties: Record<string, unknown>,
  options: SanitizeOptions,
  identifierOptions: SanitizeOptions,
): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || typeof value === "function") continue;
    if (IDENTIFIER_PROPERTIES.has(key) && typeof value === "string") {
      result[key] = cleanIdentifier(value, identifierOptions);
      continue;
    }
    if (key === McpProperty.groups) {
      result[key] = cleanGroups(value, identifierOptions);
      continue;
    }
    const sensitive = !key.startsWith("$") && isSensitiveKey(key);
    const keepsValue = value === null || typeof value === "number" || typeof value === "boolean";
    result[sanitizeString(key, options)] = sensitive && !keepsValue ? REDACTED : sanitize(value, options);
  }
  return result;
}
