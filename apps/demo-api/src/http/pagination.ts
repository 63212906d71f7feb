import type { RouteContext } from "../routes/route.js";
import type { PaginationQuery } from "../schemas/common.js";

const DEFAULT_LIMIT = 100;

/** One page of `items` as `{count, results, next?}`; `next` is the URL of the following page. */
export function paginate<Item>(context: RouteContext, query: PaginationQuery, items: readonly Item[]) {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.offset ?? 0;
  const results = items.slice(offset, offset + limit);
  if (offset + limit >= items.length) return { count: items.length, results };
  const next = new URL(context.url);
  next.searchParams.set("limit", String(limit));
  next.searchParams.set("offset", String(offset + limit));
  return { count: items.length, results, next: next.toString() };
}
