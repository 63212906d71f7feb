import type { AnalyticsEvent } from "../events/analytics-event.js";
import type { Sink } from "../sinks/sink.js";
import { flushBeforeExit } from "./flush-before-exit.js";

/** Bounds and pacing of the queue between the request path and the sink. */
export interface QueueOptions {
  /** Most events waiting at once; beyond it new events are dropped and counted (default 10000). */
  maxQueueSize: number;
  /** Events per `sink.send` call (default 100). */
  batchSize: number;
  /** Longest wait before a partial batch is sent, in milliseconds (default 1000). */
  flushIntervalMs: number;
  /** A `sink.send` that has not settled by then counts as failed, in milliseconds (default 10000). */
  sendTimeoutMs: number;
}

/** Default queue bounds. */
export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  maxQueueSize: 10_000,
  batchSize: 100,
  flushIntervalMs: 1000,
  sendTimeoutMs: 10_000,
};

/** How long `shutdown()` waits for queued events by default, in milliseconds. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5000;

/** Options of `shutdown()`. */
export interface ShutdownOptions {
  /** The deadline for sending what is queued, in milliseconds (default 5000); the rest is dropped. */
  timeoutMs?: number;
}

/** What `shutdown()` did. */
export interface ShutdownReport {
  /** True when the deadline passed before everything was sent. */
  timedOut: boolean;
  /** Events dropped or failed during shutdown (queued past the deadline, or refused by the sink). */
  dropped: number;
}

/** Counters of what happened to events so far. */
export interface QueueStats {
  /** Waiting to be sent. */
  queued: number;
  /** Accepted by the sink. */
  sent: number;
  /** Dropped because the queue was full, or after shutdown. */
  dropped: number;
  /** Lost because the sink threw or timed out. */
  failed: number;
  /** Removed by `beforeSend` or sampling. */
  filtered: number;
}

/** Turns queued records into events (redaction, identity...), off the request path. */
export type ProcessBatch<Item> = (items: Item[]) => Promise<AnalyticsEvent[]>;

/**
 * A bounded queue that batches records and sends them to a sink from timers and immediates, so a
 * slow, hanging or throwing sink never blocks or fails the code that pushed the record.
 */
export class EventQueue<Item> {
  readonly #items: Item[] = [];
  readonly #stats: QueueStats = { queued: 0, sent: 0, dropped: 0, failed: 0, filtered: 0 };
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #draining: Promise<void> | undefined;
  #closed = false;
  /** Records of the batch being sent, counted as dropped if shutdown gives up on it. */
  #inFlight = 0;
  #abandoned = false;
  readonly #unregister: () => void;

  constructor(
    private readonly options: QueueOptions,
    private readonly sink: Sink,
    private readonly process: ProcessBatch<Item>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.#unregister = flushBeforeExit(this);
  }

  /** Adds a record; returns false (and counts a drop) when the queue is full or shut down. */
  push(item: Item): boolean {
    if (this.#closed || this.#items.length >= this.options.maxQueueSize) {
      this.#stats.dropped++;
      return false;
    }
    this.#items.push(item);
    if (this.#items.length >= this.options.batchSize) this.#scheduleImmediate();
    else this.#scheduleTimer();
    return true;
  }

  /** Flushes only when records are waiting (used at process exit). */
  flushIfPending(): Promise<void> {
    return this.#items.length > 0 ? this.flush() : Promise.resolve();
  }

  /** Counts events removed by filtering (sampling or `beforeSend`). */
  countFiltered(count: number): void {
    this.#stats.filtered += count;
  }

  /** A snapshot of the counters. */
  stats(): QueueStats {
    return { ...this.#stats, queued: this.#items.length };
  }

  /** Sends everything queued so far, then asks the sink to flush. Never rejects. */
  async flush(): Promise<void> {
    // A drain already running for a full batch stops short of a partial one: drain until none waits.
    do await this.#drain(true);
    while (this.#items.length > 0);
    await this.#guard(() => this.sink.flush?.());
  }

  /**
   * Flushes within a deadline, stops accepting records, and shuts the sink down. What is still queued
   * (or being sent) at the deadline is dropped and counted. Never rejects.
   */
  async shutdown(options: ShutdownOptions = {}): Promise<ShutdownReport> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const lostBefore = this.#stats.dropped + this.#stats.failed;
    const started = Date.now();
    const finished = await withDeadline(
      this.flush().then(() => true),
      timeoutMs,
      false,
    );
    this.#closed = true;
    this.#clearSchedules();
    this.#unregister();
    if (!finished) {
      this.#stats.dropped += this.#items.length + this.#inFlight;
      this.#items.length = 0;
      this.#abandoned = true;
    }
    const remaining = Math.max(0, timeoutMs - (Date.now() - started));
    await withDeadline(
      this.#guard(() => this.sink.shutdown?.()),
      remaining,
      false,
    );
    return { timedOut: !finished, dropped: this.#stats.dropped + this.#stats.failed - lostBefore };
  }

  #scheduleTimer(): void {
    if (this.#timer !== undefined || this.#immediate !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#drain(true);
    }, this.options.flushIntervalMs);
    // A pending analytics batch alone must not keep the process alive.
    this.#timer.unref();
  }

  #scheduleImmediate(): void {
    if (this.#immediate !== undefined) return;
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined;
      void this.#drain(false);
    });
    this.#immediate.unref();
  }

  #clearSchedules(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#immediate !== undefined) clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
  }

  // One drain at a time keeps batches in order and bounds the work in flight to one batch.
  #drain(everything: boolean): Promise<void> {
    this.#draining ??= this.#drainAll(everything).finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  /**
   * Sends full batches (and, when `everything`, the partial one left). Records that arrive while a
   * batch is being sent wait for the next full batch or the interval instead of leaving at once in a
   * batch of a few: under steady load that would turn every write into a small one.
   */
  async #drainAll(everything: boolean): Promise<void> {
    this.#clearSchedules();
    while (this.#items.length >= (everything ? 1 : this.options.batchSize)) {
      const batch = this.#items.splice(0, this.options.batchSize);
      await this.#sendBatch(batch);
    }
    if (this.#items.length > 0 && !this.#closed) this.#scheduleTimer();
  }

  async #sendBatch(batch: Item[]): Promise<void> {
    this.#inFlight = batch.length;
    try {
      let events: AnalyticsEvent[];
      try {
        events = await this.process(batch);
      } catch (error) {
        if (!this.#abandoned) this.#stats.failed += batch.length;
        this.onError(error);
        return;
      }
      if (events.length === 0) return;
      const sent = await this.#guard(() => this.sink.send(events));
      // A batch given up on at shutdown was already counted as dropped.
      if (this.#abandoned) return;
      if (sent) this.#stats.sent += events.length;
      else this.#stats.failed += events.length;
    } finally {
      this.#inFlight = 0;
    }
  }

  // Runs a sink call with a timeout; reports failures instead of throwing.
  async #guard(call: () => Promise<void> | undefined): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`analytics sink did not settle within ${this.options.sendTimeoutMs} ms`)),
        this.options.sendTimeoutMs,
      );
      timer.unref();
    });
    try {
      await Promise.race([Promise.resolve().then(call), timeout]);
      return true;
    } catch (error) {
      this.onError(error);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

// Resolves to the promise's value, or to `fallback` once `timeoutMs` has passed (the timer never holds
// the process open).
function withDeadline<T>(promise: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
