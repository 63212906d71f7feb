import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../spec/load-spec.js";
import { suggestFeatureId } from "./feature-name.js";

const spec = (title: string, url?: string): OpenApiDocument => ({
  openapi: "3.1.0",
  info: { title, version: "1" },
  ...(url ? { servers: [{ url }] } : {}),
});

describe("suggestFeatureId", () => {
  it.each([
    ["GitHub's official OpenAPI spec + Octokit extension", "https://api.github.com", "github"],
    ["Stripe API", "https://api.stripe.com/", "stripe"],
    ["Notes Service API", "http://localhost:8080", "notes"],
    ["The Notes API", undefined, "notes"],
    ["Acme Billing REST API", "https://{region}.example", "acme_billing"],
    ["OpenAPI", undefined, "api"],
  ])("%s at %s -> %s", (title, url, expected) => {
    expect(suggestFeatureId(spec(title, url))).toBe(expected);
  });
});
