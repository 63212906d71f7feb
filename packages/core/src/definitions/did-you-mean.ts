/** Edit distance (insert, delete, substitute, swap of neighbours) between two short strings. */
function distance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(
        (table[row - 1]?.[column] ?? 0) + 1,
        (table[row]?.[column - 1] ?? 0) + 1,
        (table[row - 1]?.[column - 1] ?? 0) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        best = Math.min(best, (table[row - 2]?.[column - 2] ?? 0) + 1);
      }
      (table[row] as number[])[column] = best;
    }
  }
  return table[rows - 1]?.[columns - 1] ?? 0;
}

/** The known key closest to a misspelt one, when it is close enough to be the likely intent. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const limit = key.length <= 4 ? 1 : key.length <= 9 ? 2 : 3;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const found = distance(key.toLowerCase(), candidate);
    if (found <= limit && (!best || found < best.distance)) best = { key: candidate, distance: found };
  }
  return best?.key;
}
