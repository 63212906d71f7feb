import { createHash, randomBytes } from "node:crypto";
import type { Scope } from "@toolwright/core";
import { insertRow } from "../db/insert.js";
import type { Database } from "../db/sqlite.js";

/** The stored form of a key: its sha256, so a copied database does not leak usable keys. */
function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A fresh random key secret. */
export function generateKey(): string {
  return `tw_${randomBytes(24).toString("base64url")}`;
}

/** Stores a key (hashed) and returns its id. */
export function storeKey(
  db: Database,
  key: { projectId: number; name: string; secret: string; scopes: readonly Scope[]; createdAt: string },
): number {
  return insertRow(db, "api_keys", {
    project_id: key.projectId,
    name: key.name,
    key_hash: hashKey(key.secret),
    scopes: [...key.scopes],
    created_at: key.createdAt,
  });
}

/** A key row as the caller resolution needs it. */
export interface StoredKey {
  id: number;
  projectId: number;
  name: string;
  scopes: Scope[];
}

/** Finds a key by its secret, or null. */
export function findKey(db: Database, secret: string): StoredKey | null {
  const row = db
    .prepare("SELECT id, project_id, name, scopes FROM api_keys WHERE key_hash = ?")
    .get(hashKey(secret)) as { id: number; project_id: number; name: string; scopes: string } | undefined;
  if (!row) return null;
  return { id: row.id, projectId: row.project_id, name: row.name, scopes: JSON.parse(row.scopes) as Scope[] };
}
