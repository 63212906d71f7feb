import { createHash } from "node:crypto";
import Database from "better-sqlite3";

// The channel list cache is refreshed by reads; it is not product data.
const READ_CACHES = new Set(["integration_channel_cache"]);

/**
 * A hash of every row of every product table of the demo API's SQLite file, read without writing:
 * equal fingerprints before and after an attempt prove nothing was written.
 */
export function databaseFingerprint(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    const hash = createHash("sha256");
    for (const { name } of tables) {
      if (READ_CACHES.has(name)) continue;
      hash.update(`${name}\n`);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate())
        hash.update(JSON.stringify(row));
    }
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

/** Row counts per table, for messages that say what changed. */
function tableCounts(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}
