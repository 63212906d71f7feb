/**
 * A spec description with Markdown links reduced to their text: `[Pagination](https://docs...)`
 * becomes `Pagination`. Documentation URLs are not something an agent can act on, and on large
 * specs they are a tenth of every `tools/list`; descriptions written in YAML are never changed.
 */
export function specDescription(text: string): string {
  return text.replace(/\[([^\]\n]*)\]\((?:https?:)?[^)\s]*\)/g, "$1").trim();
}
