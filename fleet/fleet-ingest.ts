import { TypedBus } from '../appliance/model/typed-bus.js';
import type { Logger } from '../appliance/logger.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import type { FleetChanges, FleetStore } from './fleet-store.js';
import { MAX_DEVICES_PER_ROOM } from './fleet-batch-writer.js';
import { ISSUES_PER_ROOM_PER_MINUTE } from './issue-budget.js';

interface IngestStats {
  received: number;
  applied: number;
  invalid: number;
  duplicates: number;
  stale: number;
  batches: number;
  /** Events past their room's bound: counted on the room, not stored. */
  heldBack: number;
  queued: number;
}

/** What a stop committed, and what it left unacknowledged for the broker to deliver again. */
interface IngestStopReport {
  committed: number;
  left: number;
  /** A commit the database never answered was given up (its connection must be cut). */
  gaveUp: boolean;
}

/** A batch commits at most this many messages: one transaction, one statement per 500 rows, bounded memory per commit. */
const DEFAULT_MAX_BATCH = 5000;
/** Messages held received and not yet committed, at most: four batches — one committing, the next ones filling behind it. */
export const DEFAULT_MAX_QUEUED = 4 * DEFAULT_MAX_BATCH;
/** A stop commits whole batches for this long, then leaves the rest to the broker. */
export const DEFAULT_STOP_WITHIN_MS = 5000;

/**
 * Turns MQTT messages into store batches: parse at once, commit together a moment later
 * (one transaction for at most `maxBatch` messages), so thousands of rooms' heartbeats cost
 * a few commits a second rather than one each. Under a backlog the queue is committed
 * `maxBatch` at a time, back to back, in arrival order: a batch never grows with the backlog. Emits 'changes' (FleetChanges, committedAt ms)
 * after each commit, and 'batch' (the messages, committedAt ms) for those who sample them.
 * Batches commit one at a time, in arrival order.
 *
 * `push` takes a callback called once the message is committed (or known to be unwanted):
 * the fleet holds the message's PUBACK until then, so a fleet process killed -9 loses
 * nothing — the broker delivers what was not acknowledged again, and the store's writes are
 * idempotent (events by id, health newer-than). A batch the database refuses (PostgreSQL
 * away) stays queued and is tried again.
 */
export class FleetIngest extends TypedBus<{ changes: [FleetChanges, number]; lag: [number[]]; batch: [FleetMessage[], number] }> {
  private queue: Array<{ message: FleetMessage; committed?: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  /** A flush waiting behind the batch in flight: asking again joins it rather than queueing one flush per message. */
  private nextFlush: Promise<FleetChanges | undefined> | undefined;
  /** Messages that came while stopping: not queued, not acknowledged. */
  private refusedWhileStopping = 0;
  /** Readers waiting for room in the queue (`whenRoom`), oldest first. */
  private waiting: Array<() => void> = [];
  /** Messages committed (or known unwanted by the store) since start: a stop reports its share. */
  private committedTotal = 0;
  private readonly counters: Omit<IngestStats, 'queued'> = { received: 0, applied: 0, invalid: 0, duplicates: 0, stale: 0, batches: 0, heldBack: 0 };
  private lastInvalidLog = 0;
  /** Events held back per room since the last line that told them (one a minute at most). */
  private readonly heldBackUntold = new Map<string, number>();
  private lastHeldBackLog = Number.NEGATIVE_INFINITY;
  private lastFailureLog = 0;
  /** The batch being committed (later flushes wait for it). */
  private inFlight: Promise<unknown> = Promise.resolve();
  /** How many messages the batch being committed holds (a stop that gives up on it counts them as left). */
  private committing = 0;
  private stopped = false;
  /** The stop gave up on a commit that never answered: a failure that comes later requeues nothing. */
  private abandoned = false;

  constructor(
    private readonly store: FleetStore,
    private readonly options: {
      flushMs?: number;
      maxBatch?: number;
      /** Messages queued (received, not committed) at most: `whenRoom` holds the reader beyond it. */
      maxQueued?: number;
      retryMs?: number;
      /** How long `stop()` goes on committing (ms). */
      stopWithinMs?: number;
      log?: Pick<Logger, 'warn'>;
      /** The clock of commit times and of the stop deadline. */
      now?: () => number;
      /**
       * Work on a committed batch that its acknowledgements wait for (the device samples): the
       * PUBACKs go once it settled, so what it had not written when the process stopped comes
       * back from the broker. The next batch does not wait for it.
       */
      ackAfter?: (batch: FleetMessage[], committedAt: number) => Promise<unknown> | undefined;
    } = {},
  ) {
    // A listener of the commits that throws (alerts, the dashboard, the help relay) is logged; the ingest goes on.
    super(options.log ? { error: (fields, message) => options.log?.warn(fields, message) } : undefined);
  }

  get stats(): IngestStats {
    return { ...this.counters, queued: this.queue.length };
  }

  private get maxBatch(): number {
    return this.options.maxBatch ?? DEFAULT_MAX_BATCH;
  }

  private get maxQueued(): number {
    return this.options.maxQueued ?? DEFAULT_MAX_QUEUED;
  }

  /**
   * Calls `next` once the queue has room (at once when it has): the reader of the broker's
   * messages waits here, so what is held in memory stays within `maxQueued` whatever the
   * broker sends — the messages wait in the broker's queue for this instance instead.
   */
  whenRoom(next: () => void): void {
    if (this.stopped || this.queue.length < this.maxQueued) next();
    else this.waiting.push(next);
  }

  private wakeReaders(): void {
    while (this.waiting.length > 0 && (this.stopped || this.queue.length < this.maxQueued)) this.waiting.shift()?.();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  push(topic: string, payload: Buffer, committed?: () => void): void {
    this.counters.received++;
    // Stopping: left unacknowledged, the broker delivers it again (to another instance, or to this one's session on restart).
    if (this.stopped) {
      this.refusedWhileStopping++;
      return;
    }
    const parsed = parseFleetMessage(topic, payload);
    if (parsed === null) return committed?.();
    if ('error' in parsed) {
      this.counters.invalid++;
      this.logInvalid(parsed.code, parsed.error);
      return committed?.();
    }
    this.queue.push({ message: parsed, committed });
    if (this.queue.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 20);
  }

  /** One line a minute at most: a misbehaving publisher must not flood the log. */
  private logInvalid(code: string, reason: string): void {
    const now = Date.now();
    if (now - this.lastInvalidLog <= 60_000) return;
    this.lastInvalidLog = now;
    this.options.log?.warn({ code, reason, invalidTotal: this.counters.invalid }, 'fleet ignored a message it cannot read');
  }

  /**
   * Events counted and not stored, per room, told in one line a minute at most (a flooding room
   * would otherwise write a line a batch): the rooms and their counts since the last line.
   */
  private logHeldBack(rooms: ReadonlyMap<string, number>): void {
    for (const [room, events] of rooms) this.heldBackUntold.set(room, (this.heldBackUntold.get(room) ?? 0) + events);
    // The fleet's clock, the one the bound counts minutes on.
    const now = this.now();
    if (now - this.lastHeldBackLog < 60_000) return;
    this.lastHeldBackLog = now;
    this.options.log?.warn(
      { code: 'ROOMCTL_E_RATE_LIMITED', rooms: Object.fromEntries(this.heldBackUntold), heldBackTotal: this.counters.heldBack },
      "events past their room's bound were counted, not stored",
    );
    this.heldBackUntold.clear();
  }

  /**
   * Commits the next batch (the oldest `maxBatch` messages queued); resolves to what changed
   * (also emitted as 'changes'), undefined when nothing was queued or the commit failed. When
   * a full batch is still queued after it, the next commit starts at once.
   */
  flush(): Promise<FleetChanges | undefined> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.nextFlush) return this.nextFlush;
    const run = this.inFlight.then(() => {
      this.nextFlush = undefined;
      return this.commit();
    });
    this.nextFlush = run;
    this.inFlight = run;
    return run;
  }

  private async commit(): Promise<FleetChanges | undefined> {
    if (this.queue.length === 0) return undefined;
    const batch = this.queue.splice(0, this.maxBatch);
    const messages = batch.map((b) => b.message);
    const now = this.now();
    let changes: FleetChanges;
    this.committing = batch.length;
    try {
      changes = await this.store.apply(messages, now);
    } catch (err) {
      this.committing = 0;
      // A stop gave up on this commit and counted it as left: nobody will try it again.
      if (this.abandoned) return undefined;
      // Nothing of the batch is stored (one transaction) and nothing of it acknowledged: keep it, in order, and try again.
      this.queue = batch.concat(this.queue);
      const failedAt = Date.now();
      if (failedAt - this.lastFailureLog > 10_000) {
        this.lastFailureLog = failedAt;
        this.options.log?.warn({ err: (err as Error).message, queued: this.queue.length }, 'the fleet database refused a batch; trying again');
      }
      if (!this.stopped) this.timer ??= setTimeout(() => void this.flush(), this.options.retryMs ?? 1000);
      return undefined;
    }
    this.committing = 0;
    this.committedTotal += batch.length;
    const acknowledge = () => {
      for (const b of batch) b.committed?.();
    };
    const after = this.options.ackAfter?.(messages, now);
    if (after) void after.then(acknowledge, acknowledge);
    else acknowledge();
    this.wakeReaders();
    if (this.listenerCount('batch') > 0) this.emit('batch', messages, now);
    if (this.listenerCount('lag') > 0) this.emit('lag', lagsOf(messages, this.now()));
    this.counters.batches++;
    let heldBack = 0;
    for (const events of changes.eventsHeldBack.values()) heldBack += events;
    this.counters.applied += batch.length - changes.duplicates - changes.stale - changes.overBound - changes.roomsOverBound - heldBack;
    this.counters.heldBack += heldBack;
    if (heldBack > 0) this.logHeldBack(changes.eventsHeldBack);
    this.counters.invalid += changes.overBound + changes.roomsOverBound;
    if (changes.overBound > 0) this.logInvalid('ROOMCTL_E_MQTT_PAYLOAD', `health of ${changes.overBound} devices past a room's ${MAX_DEVICES_PER_ROOM}`);
    if (changes.roomsOverBound > 0) this.logInvalid('ROOMCTL_E_MQTT_TOPIC', `${changes.roomsOverBound} messages of rooms past the rooms the fleet keeps`);
    if (changes.issuesHeldBack > 0)
      this.logInvalid(
        'ROOMCTL_E_RATE_LIMITED',
        `${changes.issuesHeldBack} events kept without their issue: their room opened ${ISSUES_PER_ROOM_PER_MINUTE} this minute`,
      );
    this.counters.duplicates += changes.duplicates;
    this.counters.stale += changes.stale;
    this.emit('changes', changes, this.now());
    // A backlog goes on at once, a batch at a time; fewer than a batch wait for the timer their push set.
    if (!this.stopped && this.queue.length >= this.maxBatch) void this.flush();
    else if (!this.stopped && this.queue.length > 0) this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 20);
    return changes;
  }

  /**
   * Stops taking messages and commits what is queued, whole batches for at most `withinMs`
   * (one try each: a refused batch ends the stop). The rest is dropped unacknowledged: the
   * broker delivers it again — to another instance of the share group or to this instance's
   * session when it comes back — and the writes are idempotent. No wait outlasts the deadline:
   * a commit the database does not answer (a lock held elsewhere, a paused server) is given up
   * then, and its messages are counted as left.
   */
  async stop(withinMs = this.options.stopWithinMs ?? DEFAULT_STOP_WITHIN_MS): Promise<IngestStopReport> {
    const deadline = this.now() + withinMs;
    // The wall clock bounds each wait (the ingest's own clock may be a test's): an unanswered commit ends it.
    const hardDeadline = Date.now() + withinMs;
    const committedBefore = this.committedTotal;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    // What still comes is refused (left to the broker): the reader need not wait any more.
    this.wakeReaders();
    let answered = await settledBefore(this.inFlight, hardDeadline);
    while (answered && this.queue.length > 0 && this.now() < deadline) {
      const flushed = this.flush();
      answered = await settledBefore(flushed, hardDeadline);
      if (answered && (await flushed) === undefined) break;
    }
    if (!answered) this.abandoned = true;
    const committed = this.committedTotal - committedBefore;
    clearTimeout(this.timer);
    this.timer = undefined;
    const left = this.queue.length + this.refusedWhileStopping + (answered ? 0 : this.committing);
    this.queue = [];
    if (left > 0) {
      this.options.log?.warn(
        { committed, left, withinMs },
        'the fleet stopped before committing every message it had received; the broker delivers the rest again',
      );
    }
    return { committed, left, gaveUp: !answered };
  }
}

/** Whether `work` settled before the wall-clock `deadline`. */
async function settledBefore(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))));
  const settled = work.then(
    () => true as const,
    () => true as const,
  );
  const answered = await Promise.race([settled, late]);
  clearTimeout(timer);
  return answered;
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
