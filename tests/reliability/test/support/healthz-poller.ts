import { spawn } from "node:child_process";

// Runs in its own process, so the latency it sees is the server's, not this test process's event loop
// (which is busy generating the hostile answers).
const SCRIPT = `
const url = process.argv[1];
let running = true;
process.stdin.on("data", () => { running = false; });
(async () => {
  while (running) {
    const started = performance.now();
    try { await (await fetch(url)).text(); process.stdout.write((performance.now() - started).toFixed(1) + "\\n"); }
    catch { process.stdout.write("NaN\\n"); }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  process.exit(0);
})();
`;

/** Polls `url` every 25 ms from a separate process until `stop()`, which resolves with the latencies (ms). */
export async function startHealthzPoller(
  url: string,
): Promise<{ samples(count: number): Promise<void>; stop(): Promise<number[]> }> {
  const child = spawn(process.execPath, ["-e", SCRIPT, url], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk) => {
    out += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // The first sample says the poller runs.
  await new Promise<void>((resolve) => {
    const check = () => {
      if (out.includes("\n")) {
        child.stdout.off("data", check);
        resolve();
      }
    };
    child.stdout.on("data", check);
  });
  const lineCount = () => out.split("\n").length - 1;
  return {
    samples: (count) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (lineCount() >= count) {
            child.stdout.off("data", check);
            resolve();
          }
        };
        child.stdout.on("data", check);
        check();
      }),
    async stop() {
      child.stdin.end("stop\n");
      await exited;
      return out.trim().split("\n").map(Number);
    },
  };
}
