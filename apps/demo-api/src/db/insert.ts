import type { Database } from "./sqlite.js";

function toColumn(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Inserts one row (objects stored as JSON, booleans as 0/1) and returns its id. */
export function insertRow(db: Database, table: string, row: Record<string, unknown>): number {
  const columns = Object.keys(row);
  const sql = `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
  const result = db.prepare(sql).run(...columns.map((column) => toColumn(row[column])));
  return Number(result.lastInsertRowid);
}

/** Updates the given columns of one row by id. */
export function updateRow(db: Database, table: string, id: number, changes: Record<string, unknown>): void {
  const columns = Object.keys(changes);
  if (columns.length === 0) return;
  const sql = `UPDATE ${table} SET ${columns.map((column) => `${column} = ?`).join(", ")} WHERE id = ?`;
  db.prepare(sql).run(...columns.map((column) => toColumn(changes[column])), id);
}
