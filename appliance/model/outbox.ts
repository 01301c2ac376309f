/**
 * The room's one store-and-forward delivery: an entry is written to a table before anything
 * is tried, then sent in the background, one pass at a time, with retries on a backoff. A
 * receiver that is down delays an entry; it never loses one, and the caller never waits for it.
 * The table (SQL) and the sending belong to the owner; the loop, the backoff and the timer live here.
 */
import type { Clock, TimerHandle } from './clock.js';
import { SystemClock } from './clock.js';
import { DrainRunner } from './drain-runner.js';

/** Delay before attempt n+1: first × 2^(n-1), capped at `maxSeconds`. */
export function backoffMs(attempts: number, firstSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, firstSeconds * 2 ** Math.max(0, attempts - 1)) * 1000;
}

/** The durable part, owned by the module: its table's rows, as entries of type T. */
export interface OutboxTable<T> {
  /** Entries due at `now` (ms), oldest first, at most `limit`. */
  due(now: number, limit: number): T[] | Promise<T[]>;
  /** How many times this entry was tried already. */
  attemptsOf(entry: T): number;
  markSent(entry: T, now: number): void | Promise<void>;
  /** Written back after a failed try: when to try again, or `dead` (kept, never tried again by itself). */
  markFailed(entry: T, failure: { error: unknown; attempts: number; nextAttemptAt: number; dead: boolean }): void | Promise<void>;
}

/** What went wrong with one try, for the owner's log line. */
interface OutboxFailure<T> {
  entry: T;
  error: unknown;
  attempts: number;
  dead: boolean;
}

interface OutboxOptions<T> {
  table: OutboxTable<T>;
  /**
   * Tries one entry; resolves once delivered. Resolving `'skip'` leaves the entry as it is
   * (e.g. its channel is gone from the config): it is neither sent nor failed.
   */
  send(entry: T): Promise<void | 'skip'>;
  /** Delay before the next try, given the tries so far (this one included) and what failed. */
  retryDelayMs(attempts: number, error: unknown): number;
  /** Give up after this try (the entry is kept as dead); default never. */
  giveUp?(attempts: number, error: unknown, entry: T): boolean;
  /** Called after each failed try (the owner logs it in its own words). */
  onFailure?(failure: OutboxFailure<T>): void;
  onSent?(entry: T): void;
  /** Entries per pass; a full pass asks for another at once. */
  batch: number;
  clock?: Clock;
  /** Time in ms, when the owner's tests set it apart from the clock. */
  now?: () => number;
}

/** A durable outbox of T: `kick()` after enqueueing, `start()` to poll for retries, `stop()` to finish the pass running. */
export class Outbox<T> {
  private readonly clock: Clock;
  private timer: TimerHandle | undefined;
  private readonly drainer = new DrainRunner((isStopped) => this.pass(isStopped));

  constructor(private readonly options: OutboxOptions<T>) {
    this.clock = options.clock ?? new SystemClock();
  }

  private now(): number {
    return this.options.now?.() ?? this.clock.now().getTime();
  }

  /** Polls for entries due again every `pollMs`. */
  start(pollMs: number): void {
    this.timer ??= this.clock.setInterval(() => this.drain(), pollMs);
  }

  /** Something was queued: send it now, without waiting for the next poll. */
  kick(): void {
    void this.drain();
  }

  /** Sends every entry that is due; concurrent calls share one pass (and ask for one more). */
  drain(): Promise<void> {
    return this.drainer.run();
  }

  /** No new pass starts; resolves (or rejects) with the pass still running, if any. */
  async stop(): Promise<void> {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.drainer.stop();
  }

  /** One batch of due entries; true when the batch was full and something moved, so more may be due. */
  private async pass(isStopped: () => boolean): Promise<boolean> {
    const { table, batch } = this.options;
    const entries = await table.due(this.now(), batch);
    let moved = false;
    for (const entry of entries) {
      if (isStopped()) return false;
      if (await this.tryOne(entry)) moved = true;
    }
    return moved && entries.length === batch;
  }

  private async tryOne(entry: T): Promise<boolean> {
    const { table } = this.options;
    const options = this.options;
    try {
      if ((await options.send(entry)) === 'skip') return false;
      await table.markSent(entry, this.now());
      options.onSent?.(entry);
    } catch (error) {
      const attempts = table.attemptsOf(entry) + 1;
      const dead = options.giveUp?.(attempts, error, entry) ?? false;
      await table.markFailed(entry, { error, attempts, nextAttemptAt: this.now() + options.retryDelayMs(attempts, error), dead });
      options.onFailure?.({ entry, error, attempts, dead });
    }
    return true;
  }
}
