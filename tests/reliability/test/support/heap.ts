import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Exposes V8's gc() even when the process was not started with --expose-gc.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** heapUsed in bytes after two full collections. */
export function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}
