interface Flushable {
  flushIfPending(): Promise<void>;
}

// Weak references: a recorder that was dropped without shutdown (a server per request) must not be
// kept alive, or leak, through this registry.
const registered = new Set<WeakRef<Flushable>>();
let listening = false;

// One shared listener, so many recorders in one process do not trip the max-listeners warning.
function onBeforeExit(): void {
  for (const reference of registered) {
    const target = reference.deref();
    if (target) void target.flushIfPending();
    else registered.delete(reference);
  }
}

/**
 * Flushes when the event loop empties (a stdio server whose client went away), so queued events
 * are not lost at a normal exit. Returns the function that stops it.
 */
export function flushBeforeExit(target: Flushable): () => void {
  const reference = new WeakRef(target);
  registered.add(reference);
  if (!listening) {
    process.on("beforeExit", onBeforeExit);
    listening = true;
  }
  return () => {
    registered.delete(reference);
  };
}
