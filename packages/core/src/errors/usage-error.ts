/** A mistake on a command line (a CLI exits 2 and points at `--help`), as opposed to a failing run. */
export class UsageError extends Error {
  override name = "UsageError";
}
