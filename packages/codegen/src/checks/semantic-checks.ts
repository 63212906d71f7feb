import type { CatalogTool, Guard, GuardLookup, OperationBinding } from "@toolwright/core";
import { templatePlaceholders } from "@toolwright/core/internal";
import type { SpecOperation } from "../spec/operations.js";
import {
  listItemSchema,
  pathFits,
  propertiesOf,
  requestBodySchema,
  successResponseSchema,
} from "./response-schema.js";

/** What the checks of one built tool read, and where they report (`key` inside the tool). */
export interface SemanticCheckContext {
  document: unknown;
  operations: ReadonlyMap<string, SpecOperation>;
  /** The operation the tool's request goes to (a soft delete's update, not its DELETE). */
  operation: SpecOperation;
  tool: CatalogTool;
  /** Bindings of the operations guards look up, and their caller-filled arguments. */
  lookups: Readonly<Record<string, OperationBinding>>;
  lookupContext: Readonly<Record<string, Record<string, string>>>;
  issue: (key: string, message: string) => void;
}

const list = (names: Iterable<string>) => [...names].sort().join(", ") || "(none)";

/** Arguments a guard can read as `{args.x}`: the input schema's properties and caller-filled ones. */
function toolArguments(tool: CatalogTool): Set<string> {
  return new Set([
    ...Object.keys(tool.inputSchema.properties ?? {}),
    ...Object.keys(tool.argumentRules?.context ?? {}),
  ]);
}

/** Runs every check that compares a tool's definition with its operation and the spec. */
export function checkTool(context: SemanticCheckContext): void {
  context.tool.guards.forEach((guard, index) => {
    checkGuard(context, guard, `guards.${index}`);
  });
  checkResponseFilter(context);
  checkEnrichUrl(context);
  checkSoftDeleteBody(context);
}

/** A soft delete's fixed body fields must be fields the update operation takes. */
function checkSoftDeleteBody(context: SemanticCheckContext): void {
  const fields = Object.keys(context.tool.argumentRules?.constants ?? {})
    .filter((argument) => argument.startsWith("soft_delete."))
    .map((argument) => argument.slice("soft_delete.".length));
  if (fields.length === 0) return;
  const schema = requestBodySchema(context.document, context.operation);
  for (const field of fields) {
    const fit = schema ? pathFits(context.document, schema, field) : { fits: false, known: [] };
    if (!fit.fits) {
      context.issue(
        "soft_delete",
        `the update '${context.operation.id}' takes no body field '${field}', so the soft delete would not archive anything; it takes: ${list(fit.known ?? [])}`,
      );
    }
  }
}

function checkArgsPlaceholders(context: SemanticCheckContext, template: string, key: string): void {
  const known = toolArguments(context.tool);
  for (const placeholder of templatePlaceholders(template)) {
    const [head, name] = placeholder.split(".");
    if (head !== "args" || name === undefined || known.has(name)) continue;
    context.issue(
      key,
      `'{${placeholder}}' reads an argument '${name}' the tool does not have; it has: ${list(known)}`,
    );
  }
}

/** The lookup's operation must exist, take every param given, and get every path parameter it needs. */
function checkLookup(context: SemanticCheckContext, lookup: GuardLookup, key: string): SpecOperation | null {
  const target = context.operations.get(lookup.operation);
  const binding = context.lookups[lookup.operation];
  for (const [param, value] of Object.entries(lookup.params)) {
    if (typeof value === "string") checkArgsPlaceholders(context, value, `${key}.params.${param}`);
  }
  if (!target || !binding) return target ?? null;
  const accepted = new Set(binding.arguments.flatMap((argument) => [argument.argument, argument.name]));
  for (const param of Object.keys(lookup.params)) {
    if (!accepted.has(param)) {
      context.issue(
        `${key}.params.${param}`,
        `'${lookup.operation}' has no parameter '${param}'; it takes: ${list(new Set(binding.arguments.map((argument) => argument.argument)))}`,
      );
    }
  }
  const filled = context.lookupContext[lookup.operation] ?? {};
  for (const argument of binding.arguments) {
    if (argument.in !== "path" || filled[argument.argument] !== undefined) continue;
    if (lookup.params[argument.argument] === undefined && lookup.params[argument.name] === undefined) {
      context.issue(
        `${key}.params`,
        `'${lookup.operation}' needs its path parameter '${argument.name}' in params`,
      );
    }
  }
  return target;
}

/** A field a guard checks on a fetched target must be something the target's response can have. */
function checkTargetField(
  context: SemanticCheckContext,
  target: SpecOperation | null,
  field: string,
  key: string,
): void {
  if (!target) return;
  const schema = successResponseSchema(context.document, target);
  if (!schema) return;
  const fit = pathFits(context.document, schema, field);
  if (!fit.fits) {
    context.issue(
      key,
      `'${field}' is not in the response of '${target.id}', so the guard would refuse every call; the response has: ${list(fit.known ?? [])}`,
    );
  }
}

/** A path a guard reads in the arguments must be something the input schema allows. */
function checkArgumentPath(context: SemanticCheckContext, path: string, key: string): void {
  const schema = context.tool.inputSchema as Record<string, unknown>;
  if (context.tool.argumentRules?.context?.[path.split(".")[0] ?? path] !== undefined) return;
  const fit = pathFits(schema, schema, path);
  if (!fit.fits) {
    context.issue(key, `'${path}' is not an argument path of the tool; it has: ${list(fit.known ?? [])}`);
  }
}

function checkGuard(context: SemanticCheckContext, guard: Guard, key: string): void {
  switch (guard.type) {
    case "acknowledged_count":
      checkTargetField(
        context,
        checkLookup(context, guard.count, `${key}.count`),
        guard.count.field,
        `${key}.count.field`,
      );
      return;
    case "require_state":
      checkTargetField(
        context,
        checkLookup(context, guard.target, `${key}.target`),
        guard.field,
        `${key}.field`,
      );
      return;
    case "allow_values": {
      if (guard.each) checkArgumentPath(context, guard.each.path, `${key}.each.path`);
      if (guard.target) {
        checkTargetField(
          context,
          checkLookup(context, guard.target, `${key}.target`),
          guard.field,
          `${key}.field`,
        );
      } else if (!guard.each) checkArgumentPath(context, guard.field, `${key}.field`);
      return;
    }
    case "reject_fields":
      guard.fields.forEach((field, index) => {
        checkArgumentPath(context, field, `${key}.fields.${index}`);
      });
      return;
    case "confirm": {
      const target = guard.target ? checkLookup(context, guard.target, `${key}.target`) : null;
      if (!guard.summary) return;
      checkArgsPlaceholders(context, guard.summary, `${key}.summary`);
      for (const placeholder of templatePlaceholders(guard.summary)) {
        if (placeholder.startsWith("target.")) {
          checkTargetField(context, target, placeholder.slice("target.".length), `${key}.summary`);
        }
      }
    }
  }
}

/** The schema response paths and links are read against: the item on list tools, else the whole response. */
function resultSchema(context: SemanticCheckContext): Record<string, unknown> | null {
  const schema = successResponseSchema(context.document, context.operation);
  if (!schema) return null;
  return context.tool.list ? listItemSchema(context.document, schema) : schema;
}

function checkResponseFilter(context: SemanticCheckContext): void {
  const filter = context.tool.response;
  const schema = filter ? resultSchema(context) : null;
  if (!filter || !schema) return;
  for (const kind of ["include", "exclude"] as const) {
    (filter[kind] ?? []).forEach((path, index) => {
      const fit = pathFits(context.document, schema, path);
      if (fit.fits) return;
      const where = context.tool.list ? "each item of the response" : "the response";
      const starSlip = context.tool.list && path.startsWith("*.");
      const hint = starSlip
        ? `; on a list tool paths already apply to each item: write '${path.slice(2)}'`
        : "";
      // For the `*.` slip, name the item's own fields (what the corrected path is read against).
      const known = starSlip ? [...(propertiesOf(context.document, schema)?.keys() ?? [])].sort() : fit.known;
      context.issue(
        `response.${kind}.${index}`,
        `'${path}' matches nothing in ${where} of '${context.operation.id}', so it would do nothing${hint}; it has: ${list(known ?? [])}`,
      );
    });
  }
}

function checkEnrichUrl(context: SemanticCheckContext): void {
  const template = context.tool.enrichUrl?.template;
  if (!template) return;
  const schema = resultSchema(context);
  const known = toolArguments(context.tool);
  for (const placeholder of templatePlaceholders(template)) {
    if (placeholder.startsWith("params.")) {
      const name = placeholder.slice("params.".length).split(".")[0] ?? "";
      if (!known.has(name)) {
        context.issue(
          "enrich_url",
          `'{${placeholder}}' reads an argument '${name}' the tool does not have; it has: ${list(known)}`,
        );
      }
      continue;
    }
    const fit = schema ? pathFits(context.document, schema, placeholder) : { fits: true };
    if (!fit.fits) {
      context.issue(
        "enrich_url",
        `'{${placeholder}}' is not in ${context.tool.list ? "each item of " : ""}the response of '${context.operation.id}', so every link would be broken; it has: ${list(fit.known ?? [])}`,
      );
    }
  }
}
