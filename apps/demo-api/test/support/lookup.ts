import type { TestApi } from "./test-api.js";

/** The id of the row named `name` in a list endpoint (seeded ids are looked up, not assumed). */
export async function idByName(testApi: TestApi, path: string, name: string, key?: string): Promise<number> {
  const answer = await testApi.request("GET", `${path}?limit=500`, key === undefined ? {} : { key });
  const row = (answer.body.results as Array<{ id: number; name?: string; display_name?: string }>).find(
    (candidate) => candidate.name === name || candidate.display_name === name,
  );
  if (!row) throw new Error(`no '${name}' in ${path}`);
  return row.id;
}
