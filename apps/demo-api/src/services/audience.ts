import type { Database } from "../db/sqlite.js";
import type { AudienceFilters, AudienceProperty } from "../schemas/filters.js";
import type { Person } from "../schemas/persons.js";
import { findCohortRow } from "./cohort-rows.js";
import { json } from "./json-columns.js";
import { listPersons } from "./persons.js";

type PersonFilter = Extract<AudienceProperty, { type: "person" }>;

function compare(actual: unknown, filter: PersonFilter): boolean {
  const expected = filter.value;
  switch (filter.operator ?? "exact") {
    case "exact":
      return Array.isArray(expected) ? expected.some((item) => item === actual) : actual === expected;
    case "is_not":
      return Array.isArray(expected) ? !expected.some((item) => item === actual) : actual !== expected;
    case "icontains":
      return String(actual ?? "")
        .toLowerCase()
        .includes(String(expected ?? "").toLowerCase());
    case "gt":
      return typeof actual === "number" && actual > Number(expected);
    case "lt":
      return typeof actual === "number" && actual < Number(expected);
    case "is_set":
      return actual !== undefined && actual !== null;
    case "is_not_set":
      return actual === undefined || actual === null;
  }
}

/** Ids of a cohort's members: stored for static and behavioral cohorts, computed for property cohorts. */
export function cohortMemberIds(
  db: Database,
  projectId: number,
  cohortId: number,
  visiting: ReadonlySet<number> = new Set(),
): Set<number> {
  const row = findCohortRow(db, projectId, cohortId);
  if (!row || visiting.has(cohortId)) return new Set();
  const filters = json<AudienceFilters>(row.filters);
  const hasEvents = (filters.events?.length ?? 0) > 0 || (filters.actions?.length ?? 0) > 0;
  if (row.is_static === 1 || hasEvents) {
    const members = db
      .prepare("SELECT person_id FROM cohort_persons WHERE cohort_id = ?")
      .all(cohortId) as Array<{
      person_id: number;
    }>;
    return new Set(members.map((member) => member.person_id));
  }
  const persons = listPersons(db, projectId);
  const matched = matchAudience(
    db,
    projectId,
    persons,
    filters.properties ?? [],
    new Set([...visiting, cohortId]),
  );
  return new Set(matched.map((person) => person.id));
}

function matchAudience(
  db: Database,
  projectId: number,
  persons: readonly Person[],
  properties: readonly AudienceProperty[],
  visiting: ReadonlySet<number>,
): Person[] {
  let matched = [...persons];
  for (const filter of properties) {
    if (filter.type === "cohort") {
      const members = cohortMemberIds(db, projectId, filter.value, visiting);
      matched = matched.filter((person) => members.has(person.id));
    } else {
      matched = matched.filter((person) => compare(person.properties[filter.key], filter));
    }
  }
  return matched;
}

/** How many persons of the project an audience reaches now, and the project's total. */
export function audienceSize(db: Database, projectId: number, filters: AudienceFilters) {
  const persons = listPersons(db, projectId);
  const affected = matchAudience(db, projectId, persons, filters.properties ?? [], new Set()).length;
  return { affected, total: persons.length };
}
