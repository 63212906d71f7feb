import { getPath, templatePlaceholders } from "@toolwright/core";

/** A link to add to results: `<base><urlPrefix>/<template>` with `{field}` and `{params.x}` filled. */
export interface EnrichUrl {
  urlPrefix: string;
  template: string;
}

function joinLink(base: string, prefix: string, path: string): string {
  const left = `${base.replace(/\/+$/, "")}${prefix ? `/${prefix.replace(/^\/+|\/+$/g, "")}` : ""}`;
  return `${left}/${path.replace(/^\/+/, "")}`;
}

/** The link for one item, or undefined when a placeholder has no value (no broken links). */
function linkFor(
  item: unknown,
  args: Record<string, unknown>,
  enrich: EnrichUrl,
  appBaseUrl: string,
): string | undefined {
  let complete = true;
  const path = enrich.template.replace(/\{([^}]+)\}/g, (_match, placeholder: string) => {
    const value = placeholder.startsWith("params.")
      ? getPath(args, placeholder.slice("params.".length))
      : getPath(item, placeholder);
    if (value === undefined || value === null || typeof value === "object") complete = false;
    return encodeURIComponent(String(value));
  });
  return complete && templatePlaceholders(enrich.template).length > 0
    ? joinLink(appBaseUrl, enrich.urlPrefix, path)
    : undefined;
}

/** Adds a `url` field to an object result (or list item); other values pass through. */
export function addLink(
  item: unknown,
  args: Record<string, unknown>,
  enrich: EnrichUrl,
  appBaseUrl: string,
): unknown {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
  const url = linkFor(item, args, enrich, appBaseUrl);
  return url === undefined ? item : { ...item, url };
}
