import {
  CONFIRMATION_TOKEN_ARGUMENT,
  type ConfirmGuard,
  createConfirmationToken,
  verifyConfirmationToken,
} from "@toolwright/core";
import { canonicalJson, resolveTemplate } from "@toolwright/core/internal";
import type { ServedTool } from "../catalog/served-tool.js";
import { asSentence } from "../response/sentence.js";
import type { Runtime } from "./runtime.js";
import type { Session } from "./session.js";
import { type ToolResult, textResult } from "./tool-result.js";

/**
 * The catalog's `summary` template, resolved against the arguments (`{id}`, `{args.id}`) and the
 * fetched target (`{target.name}`), when it gives some text.
 */
function customSummary(
  guard: ConfirmGuard,
  args: Record<string, unknown>,
  target: unknown,
): string | undefined {
  if (!guard.summary) return undefined;
  const resolved = resolveTemplate(guard.summary, { args, ...args, target }).value;
  return typeof resolved === "string" && resolved.trim() !== "" ? asSentence(resolved) : undefined;
}

/**
 * What the user is asked to confirm. Without a catalog summary it names the tool and the exact
 * arguments the token is bound to, so nothing the call will do is hidden from the user.
 */
function actionSummary(
  tool: ServedTool,
  guard: ConfirmGuard,
  args: Record<string, unknown>,
  target: unknown,
): string[] {
  const exact = canonicalJson(args);
  const custom = customSummary(guard, args, target);
  if (custom) return [custom, `Arguments: ${exact}`];
  const withArguments = Object.keys(args).length > 0 ? ` with ${exact}` : " without arguments";
  return [`This will run '${tool.name}' (${tool.title})${withArguments}.`];
}

/**
 * Prepare step: the guards passed (the confirm guard's target, if it has one, exists), so sign a
 * single-use token bound to this caller, tool and exact arguments, and tell the agent to show the
 * action to the user before executing.
 */
export async function prepareConfirmation(
  runtime: Runtime,
  session: Session,
  tool: ServedTool,
  guard: ConfirmGuard,
  args: Record<string, unknown>,
  /** The guard's target as fetched (undefined without one). */
  target: unknown,
): Promise<ToolResult> {
  const { token, expiresAt } = await createConfirmationToken({
    secret: runtime.confirmation.secret,
    tool: tool.name,
    caller: session.caller.info.id,
    args,
    ttlSeconds: guard.ttl_seconds,
  });
  return textResult(
    [
      `Confirmation needed: '${tool.name}' has not run yet.`,
      ...actionSummary(tool, guard, args, target),
      `Show this to the user. If they agree, call '${tool.name}' again with ${CONFIRMATION_TOKEN_ARGUMENT}="${token}" (resending the same arguments is optional; changed arguments are refused).`,
      `The token works once, only for this API key and tool, until ${new Date(expiresAt).toISOString()}.`,
    ].join("\n"),
  );
}

function replayUnavailableMessage(tool: ServedTool): string {
  return `'${tool.name}' did not run: the server could not check that this confirmation token is unused (its shared state store is unreachable), and it never runs a confirmed action it cannot prove is the first use. Retry in a few seconds with the same token; if it is then refused as already used, call '${tool.name}' again without a token to get a new one.`;
}

/** Execute step: verifies the token; on success returns the signed arguments to run. */
export async function redeemConfirmation(
  runtime: Runtime,
  session: Session,
  tool: ServedTool,
  token: string,
  resent: Record<string, unknown>,
): Promise<{ ok: true; args: Record<string, unknown> } | { ok: false; message: string }> {
  let result: Awaited<ReturnType<typeof verifyConfirmationToken>>;
  try {
    result = await verifyConfirmationToken({
      secret: runtime.confirmation.secret,
      token,
      tool: tool.name,
      caller: session.caller.info.id,
      ...(Object.keys(resent).length > 0 ? { args: resent } : {}),
      replay: runtime.confirmation.replay,
    });
  } catch (error) {
    // Fail closed: without the shared replay set nobody can tell whether the token was already used.
    runtime.logger.warn(
      `confirmation of '${tool.name}' refused: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { ok: false, message: replayUnavailableMessage(tool) };
  }
  return result.ok ? { ok: true, args: result.args } : { ok: false, message: result.message };
}
