import Database from "better-sqlite3";

/**
 * Adds persons to a project straight in the demo API's SQLite file. The demo API has no route that
 * creates persons, and the over-cap guard (max 5000) needs an audience larger than the 240-person seed.
 */
export function insertPersons(dbPath: string, projectName: string, count: number): void {
  const db = new Database(dbPath);
  try {
    const project = db.prepare("SELECT id FROM projects WHERE name = ?").get(projectName) as
      | { id: number }
      | undefined;
    if (!project) throw new Error(`no project named '${projectName}' in ${dbPath}`);
    const insert = db.prepare(
      "INSERT INTO persons (project_id, distinct_id, properties, created_at) VALUES (?, ?, ?, ?)",
    );
    db.transaction(() => {
      for (let index = 0; index < count; index++) {
        const properties = {
          email: `bulk${index}@example.com`,
          name: `Bulk ${index}`,
          plan: "free",
          country: "US",
        };
        insert.run(project.id, `bulk-${index}`, JSON.stringify(properties), "2026-01-05T09:00:00.000Z");
      }
    })();
  } finally {
    db.close();
  }
}
