/** A sentence for why a file could not be read, instead of the raw errno (`ENOENT: no such file…`). */
export function fileProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "the file does not exist";
  if (code === "EISDIR") return "it is a folder, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission to read it was denied";
  if (code === "ENOTDIR") return "a part of the path is not a folder";
  return (error as Error)?.message ?? String(error);
}
