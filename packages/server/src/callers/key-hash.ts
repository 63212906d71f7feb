import { createHash } from "node:crypto";

/** A stable, non-reversible id for an API key: caches, tokens and logs only ever see this. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}
