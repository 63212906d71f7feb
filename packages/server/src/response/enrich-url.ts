import { getPath, templatePlaceholders } from "@toolwright/core/internal";

/** A link to add to results: `<base><urlPrefix>/<template>` with `{field}` and `{params.x}` filled. */
export interface EnrichUrl {
  urlPrefix: string;
  template: string;
}

/** Adds a `url` to one result item (or returns it as it was); built once per tool. */
export type CompiledLink = (item: unknown, args: Record<string, unknown>) => unknown;

type Part = string | { fromArgs: boolean; read: (root: unknown) => unknown };

/** A reader for one dot path: own properties only, as core's `getPath`, with the path split once. */
function pathReader(path: string): (root: unknown) => unknown {
  if (path.split(".").includes("*")) return (root) => getPath(root, path);
  const segments = path.split(".");
  return (root) => {
    let value = root;
    for (const segment of segments) {
      if (typeof value !== "object" || value === null || !Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    return value;
  };
}

/** The template cut into literal text and placeholders once. */
function templateParts(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^}]+)\}/g)) {
    parts.push(template.slice(last, match.index));
    const placeholder = match[1] as string;
    const fromArgs = placeholder.startsWith("params.");
    parts.push({ fromArgs, read: pathReader(fromArgs ? placeholder.slice("params.".length) : placeholder) });
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/**
 * Compiles a tool's link: the base and prefix joined and the template parsed once, not per item.
 * With `inPlace`, items (fresh objects the caller owns, e.g. made by a response filter) get their
 * `url` set on themselves instead of being copied.
 */
export function compileLink(enrich: EnrichUrl, appBaseUrl: string, inPlace = false): CompiledLink {
  const prefix = enrich.urlPrefix ? `/${enrich.urlPrefix.replace(/^\/+|\/+$/g, "")}` : "";
  const left = `${appBaseUrl.replace(/\/+$/, "")}${prefix}/`;
  // A template without a proper placeholder links every item to one page: no link at all.
  const linkable = templatePlaceholders(enrich.template).length > 0;
  const parts = templateParts(enrich.template);
  return (item, args) => {
    if (!linkable || typeof item !== "object" || item === null || Array.isArray(item)) return item;
    let path = "";
    for (const part of parts) {
      if (typeof part === "string") {
        path += part;
        continue;
      }
      const value = part.read(part.fromArgs ? args : item);
      // No value, no link: a broken one would send the agent's user nowhere.
      if (value === undefined || value === null || typeof value === "object") return item;
      path += encodeURIComponent(String(value));
    }
    const url = left + (path.charCodeAt(0) === 47 ? path.replace(/^\/+/, "") : path);
    if (!inPlace) return { ...item, url };
    (item as Record<string, unknown>).url = url;
    return item;
  };
}
