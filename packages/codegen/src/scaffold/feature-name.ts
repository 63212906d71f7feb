import type { OpenApiDocument } from "../spec/load-spec.js";

// Words that describe the document rather than the product ("GitHub's official OpenAPI spec").
const FILLER = new Set([
  "a",
  "an",
  "and",
  "api",
  "apis",
  "definition",
  "description",
  "document",
  "extension",
  "for",
  "http",
  "official",
  "of",
  "openapi",
  "public",
  "rest",
  "restful",
  "s",
  "schema",
  "service",
  "spec",
  "specification",
  "swagger",
  "the",
  "v1",
  "v2",
  "v3",
  "web",
]);
// Host labels that name no product (`api.stripe.com` is Stripe, `www.x.io` is x).
const HOST_FILLER = new Set(["api", "apis", "www", "rest", "gateway", "public", "app"]);
const LOCAL_HOSTS = /^(localhost|127\.|0\.0\.0\.0|\[?::1\]?|10\.|192\.168\.)/;

/**
 * A short snake_case feature id a person would pick: the product in the first server's host
 * (`https://api.github.com` → `github`), else the first two meaningful words of the title
 * (`Notes Service API` → `notes`), else `api`.
 */
export function suggestFeatureId(document: OpenApiDocument): string {
  return fromHost(document) ?? fromTitle(document.info.title) ?? "api";
}

function fromHost(document: OpenApiDocument): string | null {
  const servers = document.servers;
  const url = Array.isArray(servers) ? (servers[0] as { url?: unknown } | undefined)?.url : undefined;
  // A templated host (`https://{region}.example.com`) names no product until it is filled in.
  if (typeof url !== "string" || /^[a-z]+:\/\/[^/]*\{/i.test(url)) return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (LOCAL_HOSTS.test(host) || /^[\d.]+$/.test(host)) return null;
  const labels = host
    .split(".")
    .slice(0, -1)
    .filter((label) => !HOST_FILLER.has(label));
  const product = labels.at(-1);
  return product ? snakeCase(product) : null;
}

function fromTitle(title: string): string | null {
  const words = title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "" && !FILLER.has(word));
  const id = snakeCase(words.slice(0, 2).join("_"));
  return id || null;
}

/** A snake_case id from any label (`Stripe API` → `stripe_api`); empty when nothing usable is left. */
export function snakeCase(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "");
}
