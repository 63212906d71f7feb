/** Where a CLI run reads and writes; tests pass their own, the bin passes the process's. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: only then is a progress line drawn. */
  stderrIsTty: boolean;
}

/**
 * Exit codes, the same for every Toolwright bin: 0 success; 1 failure (a check, lint or sync found
 * problems, or an input file is missing or invalid); 2 usage error (the command line is wrong).
 */
export const EXIT = { ok: 0, findings: 1, failure: 1, usage: 2 } as const;

/** Writes a command's report as pretty JSON on stdout (for `--json`). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
  };
}

/** A progress callback that redraws one stderr line on a TTY and does nothing otherwise. */
export function progressLine(io: CliIo, label: string): ((done: number, total: number) => void) | undefined {
  if (!io.stderrIsTty) return undefined;
  return (done, total) => {
    if (done !== total && done % 25 !== 0) return;
    io.stderr(`\r${label} ${done}/${total}${done === total ? "\r\u001b[K" : ""}`);
  };
}
