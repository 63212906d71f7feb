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
    await this.#drain();
    await this.#guard(() => this.sink.flush?.());
  }

  /** Flushes, stops accepting records, and shuts the sink down. Never rejects. */
  async shutdown(): Promise<void> {
    await this.flush();
    this.#closed = true;
    this.#clearSchedules();
    this.#unregister();
    await this.#guard(() => this.sink.shutdown?.());
  }

  #scheduleTimer(): void {
    if (this.#timer !== undefined || this.#immediate !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#drain();
    }, this.options.flushIntervalMs);
    // A pending analytics batch alone must not keep the process alive.
    this.#timer.unref();
  }

  #scheduleImmediate(): void {
    if (this.#immediate !== undefined) return;
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined;
      void this.#drain();
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
  #drain(): Promise<void> {
    this.#draining ??= this.#drainAll().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drainAll(): Promise<void> {
    this.#clearSchedules();
    while (this.#items.length > 0) {
      const batch = this.#items.splice(0, this.options.batchSize);
      await this.#sendBatch(batch);
    }
  }

  async #sendBatch(batch: Item[]): Promise<void> {
    let events: AnalyticsEvent[];
    try {
      events = await this.process(batch);
    } catch (error) {
      this.#stats.failed += batch.length;
      this.onError(error);
      return;
    }
    if (events.length === 0) return;
    const sent = await this.#guard(() => this.sink.send(events));
    if (sent) this.#stats.sent += events.length;
    else this.#stats.failed += events.length;
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
