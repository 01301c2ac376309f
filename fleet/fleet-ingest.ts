import { EventEmitter } from 'node:events';
import type { Logger } from '../appliance/logger.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import type { FleetChanges, FleetStore } from './fleet-store.js';

interface IngestStats {
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
 * after each commit.
 *
 * The PUBACK goes out when the message is queued, not committed (mqtt.js acknowledges one
 * message at a time), so a fleet process killed -9 loses at most one flush window of
 * messages; rooms re-send their retained health and state on the next subscribe.
 */
export class FleetIngest extends EventEmitter {
  private queue: FleetMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly counters: Omit<IngestStats, 'queued'> = { received: 0, applied: 0, invalid: 0, duplicates: 0, stale: 0, batches: 0 };
  private lastInvalidLog = 0;

  constructor(
    private readonly store: FleetStore,
    private readonly options: { flushMs?: number; maxBatch?: number; log?: Pick<Logger, 'warn'>; now?: () => number } = {},
  ) {
    super();
  }

  get stats(): IngestStats {
    return { ...this.counters, queued: this.queue.length };
  }

  push(topic: string, payload: Buffer): void {
    this.counters.received++;
    const parsed = parseFleetMessage(topic, payload);
    if (parsed === null) return;
    if ('error' in parsed) {
      this.counters.invalid++;
      const now = Date.now();
      // One line a minute at most: a misbehaving publisher must not flood the log.
      if (now - this.lastInvalidLog > 60_000) {
        this.lastInvalidLog = now;
        this.options.log?.warn({ reason: parsed.error, invalidTotal: this.counters.invalid }, 'fleet ignored a message it cannot read');
      }
      return;
    }
    this.queue.push(parsed);
    if (this.queue.length >= (this.options.maxBatch ?? 5000)) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.flushMs ?? 20);
  }

  /** Commits what is queued; returns what changed (also emitted as 'changes'). */
  flush(): FleetChanges | undefined {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return undefined;
    const batch = this.queue;
    this.queue = [];
    const now = this.options.now?.() ?? Date.now();
    const changes = this.store.apply(batch, now);
    if (this.listenerCount('lag') > 0) this.emit('lag', lagsOf(batch, this.options.now?.() ?? Date.now()));
    this.counters.batches++;
    this.counters.applied += batch.length - changes.duplicates - changes.stale;
    this.counters.duplicates += changes.duplicates;
    this.counters.stale += changes.stale;
    this.emit('changes', changes, this.options.now?.() ?? Date.now());
    return changes;
  }

  stop(): void {
    this.flush();
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
