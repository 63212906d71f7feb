import { z } from "zod";
import type { AnyRoute, RouteInput } from "../routes/route.js";
import { ApiError, type FieldIssue, invalidRequest } from "./api-error.js";

const EMPTY = z.object({});

function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** One issue per field: unknown keys are split so each names its own path; a missing field says so. */
function issuesOf(location: FieldIssue["in"], error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        in: location,
        path: joinPath([...issue.path, key]),
        message: `unknown field '${key}'`,
      }));
    }
    const missing = issue.code === "invalid_type" && issue.message.endsWith("received undefined");
    return [{ in: location, path: joinPath(issue.path), message: missing ? "required" : issue.message }];
  });
}

/** Parses a request body's text as JSON; an empty body is `{}`. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      "invalid_json",
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** Validates path params, query and body against the route's schemas, collecting every field issue. */
export function parseInput(
  route: AnyRoute,
  raw: { params: Record<string, string>; query: Record<string, string>; body: unknown },
): RouteInput<unknown, unknown, unknown> {
  const params = (route.params ?? EMPTY).safeParse(raw.params);
  const query = (route.query ?? EMPTY).safeParse(raw.query);
  const body = route.body ? route.body.safeParse(raw.body) : { success: true as const, data: undefined };
  const issues = [
    ...(params.success ? [] : issuesOf("path", params.error)),
    ...(query.success ? [] : issuesOf("query", query.error)),
    ...(body.success ? [] : issuesOf("body", body.error)),
  ];
  if (issues.length > 0) throw invalidRequest(issues);
  return { params: params.data, query: query.data, body: body.data };
}
