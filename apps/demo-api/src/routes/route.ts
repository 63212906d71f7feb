import type { Guard, Scope } from "@toolwright/core";
import type { z } from "zod";
import type { Database } from "../db/sqlite.js";

/** The resolved caller of a request: its key, project and scopes. */
export interface Caller {
  keyId: number;
  keyName: string;
  projectId: number;
  scopes: Scope[];
}

/** What a handler runs with. */
export interface RouteContext {
  db: Database;
  caller: Caller;
  /** The request URL, for `next` links. */
  url: URL;
}

/** A request's validated parts. */
export interface RouteInput<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
}

/** HTTP methods the API uses. */
export type RouteMethod = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * One API operation, declared once: the router serves it and the OpenAPI generator documents it from
 * the same schemas, scopes and guards.
 */
export interface RouteDefinition<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  method: RouteMethod;
  /** OpenAPI path template, e.g. `/api/workflows/{id}`. */
  path: string;
  /** Stable snake_case id that MCP definitions reference. */
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** Every scope listed is required (AND). */
  scopes: Scope[];
  params?: Params;
  query?: Query;
  body?: Body;
  /** Absent for 204 responses. */
  response?: Response;
  status: 200 | 201 | 204;
  /** Core guards evaluated before the handler, with the merged params, query and body as arguments. */
  guards?: readonly Guard[];
  /** Existence checks that must answer 404 before guards run. */
  load?(context: RouteContext, input: RouteInput<z.output<Params>, z.output<Query>, z.output<Body>>): void;
  handler(
    context: RouteContext,
    input: RouteInput<z.output<Params>, z.output<Query>, z.output<Body>>,
  ): z.input<Response> | undefined;
}

/** A route with its types erased, as the registry stores it. */
export type AnyRoute = RouteDefinition<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Declares a route with its handler typed from its schemas. */
export function defineRoute<
  Params extends z.ZodType,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
>(route: RouteDefinition<Params, Query, Body, Response>): AnyRoute {
  return route as unknown as AnyRoute;
}
