/**
 * Appends a path to a base URL, keeping the base's own path (`http://host/base/` + `/api/x` →
 * `http://host/base/api/x`); `new URL(path, base)` would drop `/base` for a path starting with `/`.
 */
export function joinUrl(base: string, path: string): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  return url;
}
