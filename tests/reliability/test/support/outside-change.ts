import Database from "better-sqlite3";

/**
 * Changes the demo API's data behind its back, the way another user or a sync job would between an
 * acknowledgement and the action it acknowledged.
 */
export function changeOutside(dbPath: string, change: (db: Database.Database) => void): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.transaction(() => change(db))();
  } finally {
    db.close();
  }
}

/** Adds persons to project 1 with these properties (e.g. to move an audience over the cap). */
export function addPersons(dbPath: string, count: number, properties: Record<string, unknown>): void {
  changeOutside(dbPath, (db) => {
    const insert = db.prepare(
      "INSERT INTO persons (project_id, distinct_id, properties, created_at) VALUES (1, ?, ?, ?)",
    );
    const now = new Date().toISOString();
    for (let index = 0; index < count; index += 1)
      insert.run(`outside-${Date.now()}-${index}`, JSON.stringify(properties), now);
  });
}
