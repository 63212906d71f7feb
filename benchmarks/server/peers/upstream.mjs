// What every peer's one tool does: the same GET of the demo API as Toolwright's persons-list,
// with the caller's key passed on, answering the body as text (no shaping).
export const UPSTREAM = process.env.BENCH_UPSTREAM;
export const PORT = Number(process.env.BENCH_PORT);

export async function personsText(authorization) {
  const response = await fetch(`${UPSTREAM}/api/persons`, {
    headers: { authorization, accept: "application/json" },
  });
  if (!response.ok) throw new Error(`upstream answered ${response.status}`);
  return response.text();
}

/** Tells the bench the server is up. */
export function ready() {
  process.stdout.write(`ready ${PORT}\n`);
}
