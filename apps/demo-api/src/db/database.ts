import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";
import { seedDemoData } from "./seed.js";
import type { Database } from "./sqlite.js";

/** The demo API's SQLite connection. */
export type { Database } from "./sqlite.js";

function migrate(db: Database): number {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
  );
  const row = db.prepare("SELECT MAX(version) AS version FROM schema_migrations").get() as {
    version: number | null;
  };
  const current = row.version ?? 0;
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(
        version,
        new Date().toISOString(),
      );
    })();
  });
  return current;
}

/** Opens (creating if needed) the database file, applies pending migrations, and seeds a fresh database. */
export function openDatabase(path: string): Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  const previousVersion = migrate(db);
  if (previousVersion === 0) db.transaction(() => seedDemoData(db))();
  return db;
}
