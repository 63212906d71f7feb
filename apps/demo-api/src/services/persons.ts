import type { Database } from "../db/sqlite.js";
import { notFound } from "../http/api-error.js";
import type { Person } from "../schemas/persons.js";
import { json } from "./json-columns.js";

interface PersonRow {
  id: number;
  distinct_id: string;
  properties: string;
  created_at: string;
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    distinct_id: row.distinct_id,
    properties: json(row.properties),
    created_at: row.created_at,
  };
}

/** Every person of a project, optionally matching `search` on email or name. */
export function listPersons(db: Database, projectId: number, search?: string): Person[] {
  const rows = db
    .prepare("SELECT * FROM persons WHERE project_id = ? ORDER BY id")
    .all(projectId) as PersonRow[];
  const persons = rows.map(toPerson);
  if (!search) return persons;
  const needle = search.toLowerCase();
  return persons.filter((person) =>
    ["email", "name"].some((key) =>
      String(person.properties[key] ?? "")
        .toLowerCase()
        .includes(needle),
    ),
  );
}

/** One person of the project, or 404. */
export function getPerson(db: Database, projectId: number, id: number): Person {
  const row = db.prepare("SELECT * FROM persons WHERE id = ? AND project_id = ?").get(id, projectId) as
    | PersonRow
    | undefined;
  if (!row) throw notFound("Person", id);
  return toPerson(row);
}

/** The ids among `ids` that are persons of the project. */
export function existingPersonIds(db: Database, projectId: number, ids: readonly number[]): Set<number> {
  const rows = db.prepare("SELECT id FROM persons WHERE project_id = ?").all(projectId) as Array<{
    id: number;
  }>;
  const known = new Set(rows.map((row) => row.id));
  return new Set(ids.filter((id) => known.has(id)));
}
