// Types for the shared benchmark harness (tooling/bench/index.js is plain JavaScript).
declare module "@toolwright/bench" {
  export function percentile(values: number[], p: number): number;
  export function table(header: string[], rows: (string | number)[][]): string;
  export function writeBenchSection(id: string, title: string, command: string, markdown: string): void;
  export function machine(): string;
  export function timeCommand(
    command: string,
    args: string[],
    options?: Record<string, unknown>,
  ): {
    wallSeconds: number;
    peakRssMiB: number | null;
    status: number | null;
    stdout: string;
    stderr: string;
  };
}
