import { TypedBus } from '../appliance/model/typed-bus.js';
import type { Logger } from '../appliance/logger.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import type { FleetChanges, FleetStore } from './fleet-store.js';

export interface IngestStats {
  received: number;
  applied: number;
  invalid: number;
  duplicates: number;
  stale: number;
  batches: number;
  queued: number;
}

/**
 * Turns MQTT messages into store batches: parse at once, commit together a moment later
 * (one transaction for up to `maxBatch` messages), so thousands of rooms' heartbeats cost
 * a few commits a second rather than one each. Emits 'changes' (FleetChanges, committedAt ms)
 * after each commit. Batches commit one at a time, in arrival order.
 *
 * `push` takes a callback called once the message is committed (or known to be unwanted):
 * the fleet holds the message's PUBACK until then, so a fleet process killed -9 loses
 * nothing — the broker delivers what was not acknowledged again, and the store's writes are
 * idempotent (events by id, health newer-than). A batch the database refuses (PostgreSQL
 * away) stays queued and is tried again.
 */
export class FleetIngest extends TypedBus<{ changes: [FleetChanges, number]; lag: [number[]] }> {
  private queue: Array<{ message: FleetMessage; committed?: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly counters: Omit<IngestStats, 'queued'> = { received: 0, applied: 0, invalid: 0, duplicates: 0, stale: 0, batches: 0 };
  private lastInvalidLog = 0;
  private lastFailureLog = 0;
  /** The batch being committed (later flushes wait for it). */
  private inFlight: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly store: FleetStore,
    private readonly options: { flushMs?: number; maxBatch?: number; retryMs?: number; log?: Pick<Logger, 'warn'>; now?: () => number } = {},
  ) {
    // A listener of the commits that throws (alerts, the dashboard, the help relay) is logged; the ingest goes on.
    super(options.log ? { error: (fields, message) => options.log?.warn(fields, message) } : undefined);
  }

  get stats(): IngestStats {
    return { ...this.counters, queued: this.queue.length };
  }

  push(topic: string, payload: Buffer, committed?: () => void): void {
    this.counters.received++;
    const parsed = parseFleetMessage(topic, payload);
    if (parsed === null) return committed?.();
    if ('error' in parsed) {
      this.counters.invalid++;
      const now = Date.now();
      // One line a minute at most: a misbehaving publisher must not flood the log.
      if (now - this.lastInvalidLog > 60_000) {
        this.lastInvalidLog = now;
        this.options.log?.warn({ code: parsed.code, reason: parsed.error, invalidTotal: this.counters.invalid }, 'fleet ignored a message it cannot read');
      }
      return committed?.();
    }
    this.queue.push({ message: parsed, committed });
    if (this.queue.length >= (this.options.maxBatch ?? 5000)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 20);
  }

  /** Commits what is queued; resolves to what changed (also emitted as 'changes'), undefined when nothing was queued or the commit failed. */
  flush(): Promise<FleetChanges | undefined> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.inFlight.then(() => this.commit());
    this.inFlight = run;
    return run;
  }

  private async commit(): Promise<FleetChanges | undefined> {
    if (this.queue.length === 0) return undefined;
    const batch = this.queue;
    this.queue = [];
    const messages = batch.map((b) => b.message);
    let changes: FleetChanges;
    try {
      changes = await this.store.apply(messages, this.options.now?.() ?? Date.now());
    } catch (err) {
      // Nothing of the batch is stored (one transaction) and nothing of it acknowledged: keep it, in order, and try again.
      this.queue = batch.concat(this.queue);
      const now = Date.now();
      if (now - this.lastFailureLog > 10_000) {
        this.lastFailureLog = now;
        this.options.log?.warn({ err: (err as Error).message, queued: this.queue.length }, 'the fleet database refused a batch; trying again');
      }
      if (!this.stopped) this.timer ??= setTimeout(() => void this.flush(), this.options.retryMs ?? 1000);
      return undefined;
    }
    for (const b of batch) b.committed?.();
    if (this.listenerCount('lag') > 0) this.emit('lag', lagsOf(messages, this.options.now?.() ?? Date.now()));
    this.counters.batches++;
    this.counters.applied += batch.length - changes.duplicates - changes.stale;
    this.counters.duplicates += changes.duplicates;
    this.counters.stale += changes.stale;
    this.emit('changes', changes, this.options.now?.() ?? Date.now());
    return changes;
  }

  /** Commits what is queued (one try) and stops retrying. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Publish → commit time of every message in a batch that carries its publish time. */
function lagsOf(batch: readonly FleetMessage[], committedAt: number): number[] {
  const lags: number[] = [];
  for (const m of batch) {
    const at = m.kind === 'health' ? m.health.at : m.kind === 'event' ? Date.parse(m.event.at) : null;
    if (at !== null && Number.isFinite(at)) lags.push(committedAt - at);
  }
  return lags;
}
