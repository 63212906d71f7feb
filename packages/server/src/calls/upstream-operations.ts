import type { GuardCall, OperationBinding, ToolwrightError } from "@toolwright/core";
import type { Caller } from "../callers/caller.js";
import type { UpstreamRequest } from "../catalog/tool-context.js";
import { serverError } from "../server-error.js";
import { buildRequest } from "../upstream/build-request.js";
import { sendUpstream } from "../upstream/upstream-client.js";
import { describeUpstreamFailure } from "../upstream/upstream-failure.js";
import { withCallerContext } from "./argument-rules.js";
import type { Runtime } from "./runtime.js";

function upstreamError(message: string): ToolwrightError<"upstream_error"> {
  return serverError("upstream_error", message);
}

/** Guard params name tool arguments; a param may also use the wire name of an argument. */
function argumentsFor(binding: OperationBinding, params: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = { ...params };
  for (const argument of binding.arguments) {
    if (args[argument.argument] === undefined && params[argument.name] !== undefined) {
      args[argument.argument] = params[argument.name];
    }
  }
  return args;
}

/** Performs a guard's lookup (`operation` + params) against the upstream with the caller's key. */
export function guardCall(runtime: Runtime, caller: Caller, signal: AbortSignal): GuardCall {
  return async (operation, params) => {
    const binding = runtime.catalog.operation(operation);
    if (!binding) throw upstreamError(`the catalog has no binding for the operation '${operation}'`);
    const filled = withCallerContext(
      runtime.catalog.operationContext(operation),
      argumentsFor(binding, params),
      caller.info,
      operation,
    );
    if (!filled.ok) throw upstreamError(filled.message);
    const request = buildRequest(runtime.upstream, binding, filled.args);
    const outcome = await sendUpstream(request, caller.key, signal, runtime);
    if (!outcome.ok)
      throw upstreamError(`'${operation}' failed: ${describeUpstreamFailure(outcome.failure)}`);
    return outcome.data;
  };
}

/** The `upstream()` of a hand-written tool's context: a JSON request with the caller's key. */
export function handlerUpstream(runtime: Runtime, caller: Caller, signal: AbortSignal) {
  return async (request: UpstreamRequest): Promise<unknown> => {
    const binding: OperationBinding = {
      operationId: "handwritten",
      method: request.method,
      path: request.path.replaceAll("{", "%7B").replaceAll("}", "%7D"),
      arguments: Object.keys(request.query ?? {}).map((name) => ({
        argument: `query.${name}`,
        in: "query",
        name,
      })),
      body:
        request.body === undefined
          ? null
          : { contentType: "application/json", required: true, mode: "argument", argument: "body" },
    };
    const args: Record<string, unknown> = { body: request.body };
    for (const [name, value] of Object.entries(request.query ?? {})) args[`query.${name}`] = value;
    const outcome = await sendUpstream(
      buildRequest(runtime.upstream, binding, args),
      caller.key,
      signal,
      runtime,
    );
    if (!outcome.ok) throw upstreamError(describeUpstreamFailure(outcome.failure));
    return outcome.data;
  };
}
