import {
  CONFIRMATION_TOKEN_ARGUMENT,
  evaluateGuards,
  type GuardRejection,
  isToolwrightError,
} from "@toolwright/core";
import { confirmGuardOf, type ServedTool } from "../catalog/served-tool.js";
import { asSentence } from "../response/sentence.js";
import { shapeResult } from "../response/shape-result.js";
import { buildRequest } from "../upstream/build-request.js";
import { sendUpstream } from "../upstream/upstream-client.js";
import { describeUpstreamFailure } from "../upstream/upstream-failure.js";
import { callRefusal } from "../visibility/visible-tools.js";
import { requestArguments, withCallerContext } from "./argument-rules.js";
import { validateArguments } from "./argument-validator.js";
import { prepareConfirmation, redeemConfirmation } from "./confirmation-flow.js";
import { rateLimitSubject } from "./rate-limit-subject.js";
import type { Runtime } from "./runtime.js";
import type { Session } from "./session.js";
import { errorResult, type ToolResult } from "./tool-result.js";
import { guardCall, handlerUpstream } from "./upstream-operations.js";

/**
 * Runs the tool's guards, the confirm guard included: its target (when it has one) must exist on
 * both steps, and is returned for the prepare step's summary. A rejection is the agent's message.
 */
async function runGuards(
  runtime: Runtime,
  session: Session,
  tool: ServedTool,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<{ rejected: string } | { rejected: null; confirmTarget: unknown }> {
  if (tool.guards.length === 0) return { rejected: null, confirmTarget: undefined };
  const result = await evaluateGuards(tool.guards, {
    tool: tool.name,
    args,
    call: guardCall(runtime, session.caller, signal),
    rateLimiter: runtime.rateLimiter,
    subject: rateLimitSubject(session.caller.info),
  });
  return result.ok
    ? { rejected: null, confirmTarget: result.confirmTarget }
    : { rejected: rejectionMessage(tool, result.rejection) };
}

/** Names the guard once: core's lookup-failure message already says which guard could not be checked. */
function rejectionMessage(tool: ServedTool, rejection: GuardRejection): string {
  if (rejection.reason === "lookup_failed") return asSentence(rejection.message);
  return `Rejected by the ${rejection.guard} guard of '${tool.name}': ${asSentence(rejection.message)}`;
}

async function runHandler(
  runtime: Runtime,
  session: Session,
  tool: ServedTool,
  handler: Extract<ServedTool["target"], { kind: "handler" }>["handler"],
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ToolResult> {
  try {
    const upstream = handlerUpstream(runtime, session.caller, signal);
    const data = await handler(args, { caller: session.caller.info, signal, upstream });
    return shapeResult(runtime, tool, args, data);
  } catch (error) {
    if (isToolwrightError(error)) return errorResult(`'${tool.name}' failed: ${asSentence(error.message)}`);
    runtime.logger.error(`hand-written tool '${tool.name}' threw`, error);
    return errorResult(
      `'${tool.name}' failed because of an internal error in the MCP server. Retry later; if it persists, report it.`,
    );
  }
}

async function execute(
  runtime: Runtime,
  session: Session,
  tool: ServedTool,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ToolResult> {
  if (tool.target.kind === "handler")
    return runHandler(runtime, session, tool, tool.target.handler, args, signal);
  const request = buildRequest(
    runtime.upstream,
    tool.target.binding,
    requestArguments(tool, args),
    tool.inputSchema,
  );
  const outcome = await sendUpstream(request, session.caller.key, signal, runtime);
  if (!outcome.ok)
    return errorResult(`'${tool.name}' failed. ${describeUpstreamFailure(outcome.failure, tool.scopes)}`);
  return shapeResult(runtime, tool, args, outcome.data);
}

/** Validate, guard, execute: the steps every call takes once the tool and token are settled. */
async function validateGuardExecute(
  runtime: Runtime,
  session: Session,
  tool: ServedTool,
  args: Record<string, unknown>,
  signal: AbortSignal,
  prepare: boolean,
): Promise<ToolResult> {
  const invalid = validateArguments(tool, args);
  if (invalid) return errorResult(invalid);
  // Guards and the request see the caller-filled arguments; the confirmation binds what the agent sent.
  const filled = withCallerContext(tool.argumentRules?.context, args, session.caller.info, tool.name);
  if (!filled.ok) return errorResult(filled.message);
  const guarded = await runGuards(runtime, session, tool, filled.args, signal);
  if (guarded.rejected !== null) return errorResult(guarded.rejected);
  const confirm = confirmGuardOf(tool);
  if (prepare && confirm)
    return prepareConfirmation(runtime, session, tool, confirm, args, guarded.confirmTarget);
  return execute(runtime, session, tool, filled.args, signal);
}

async function callVisibleTool(
  runtime: Runtime,
  session: Session,
  tool: ServedTool,
  rawArgs: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ToolResult> {
  if (!confirmGuardOf(tool) || rawArgs[CONFIRMATION_TOKEN_ARGUMENT] === undefined) {
    return validateGuardExecute(runtime, session, tool, rawArgs, signal, true);
  }
  const { [CONFIRMATION_TOKEN_ARGUMENT]: token, ...resent } = rawArgs;
  if (typeof token !== "string")
    return errorResult(`'${CONFIRMATION_TOKEN_ARGUMENT}' must be the string the prepare step returned.`);
  const redeemed = await redeemConfirmation(runtime, session, tool, token, resent);
  if (!redeemed.ok) return errorResult(redeemed.message);
  // Execute what was confirmed: the signed arguments, not whatever came with the token.
  return validateGuardExecute(runtime, session, tool, redeemed.args, signal, false);
}

/**
 * Handles one `tools/call`: the tool must exist and be visible to the caller, then arguments are
 * validated, guards run, and the upstream (or handler) is called. Every failure is an `isError`
 * result with an actionable message; nothing here throws.
 */
export async function callTool(
  runtime: Runtime,
  session: Session,
  name: string,
  rawArgs: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ToolResult> {
  try {
    const tool = runtime.catalog.get(name);
    if (!tool)
      return errorResult(`Unknown tool '${name}'. Call tools/list to see the tools available to you.`);
    const refusal = await callRefusal(tool, session.caller.info, session.view, runtime.flags);
    if (refusal) return errorResult(refusal);
    return await callVisibleTool(runtime, session, tool, rawArgs, signal);
  } catch (error) {
    runtime.logger.error(`tools/call '${name}' failed unexpectedly`, error);
    return errorResult(
      `'${name}' failed because of an internal error in the MCP server. Retry later; if it persists, report it.`,
    );
  }
}
