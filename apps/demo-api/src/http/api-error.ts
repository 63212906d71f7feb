/** An error the API answers with: HTTP status, a machine-readable code, a message to act on. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra top-level fields of the JSON body (e.g. `missing_scopes`, `reason`). */
  readonly body: Record<string, unknown>;
  /** Response headers to send with the error (e.g. `www-authenticate`). */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    body: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.body = body;
    this.headers = headers;
  }

  /** The JSON response body: `{error, message, ...}`. */
  toJSON(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.body };
  }
}

/** 404 for a resource that does not exist in the caller's project (another project's id included). */
export function notFound(resource: string, id: number | string): ApiError {
  return new ApiError(404, "not_found", `${resource} ${id} was not found in this project.`);
}

/** One field-level problem of a request. */
export interface FieldIssue {
  in: "path" | "query" | "body";
  path: string;
  message: string;
}

/** 400 naming each field at fault. */
export function invalidRequest(issues: readonly FieldIssue[]): ApiError {
  const summary = issues
    .slice(0, 5)
    .map((issue) => `${issue.in}${issue.path ? `.${issue.path}` : ""}: ${issue.message}`)
    .join("; ");
  return new ApiError(400, "invalid_request", `Invalid request: ${summary}`, { details: { issues } });
}
