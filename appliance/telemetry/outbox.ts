import { TypedBus } from '../model/typed-bus.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import { storedSetting } from '../store/stored-setting.js';
import { groupCommitFor, type GroupCommit } from './group-commit.js';

interface OutboxMessage {
  seq: number;
  topic: string;
  payload: Buffer;
  qos: 0 | 1;
  retain: boolean;
  /** ms since the epoch, when it was stored */
  createdAt: number;
}

interface OutboxOptions {
  /** Messages kept at most; beyond, the oldest are dropped. */
  maxMessages: number;
  /** Messages older than this are dropped instead of sent. */
  maxAgeMs: number;
  now?: () => number;
  log?: Pick<Logger, 'warn'>;
}

const DROPPED_KEY = 'telemetry.outbox.dropped';

/**
 * Store and forward for MQTT: every message is a row in SQLite before anything is sent, and
 * is deleted only once the broker acknowledged it, so neither a broker outage nor a killed
 * process loses it. Inserts are group-committed at the end of the event-loop turn
 * (group-commit.ts): 'enqueued' fires once they are on disk, and only then can the pump send
 * them. Bounded: past `maxMessages` or `maxAgeMs` the oldest rows go first, and
 * the loss is counted (kept in `settings`, so it survives restarts) and logged.
 * Emits 'enqueued' after every insert (the pump listens).
 */
export class TelemetryOutbox extends TypedBus<{ enqueued: []; dropped: [number] }> {
  private readonly insert;
  private readonly selectAfter;
  private readonly deleteThrough;
  private readonly deleteOldest;
  private readonly deleteOlderThan;
  private readonly countRows;
  private readonly oldestCreatedAt;
  private readonly savedDropped;
  private readonly now: () => number;
  /** Rows on disk, and rows deferred to this turn's group commit. */
  private rows: number;
  private pendingRows = 0;
  private droppedTotal: number;
  private readonly group: GroupCommit;

  constructor(
    private readonly db: Db,
    private readonly options: OutboxOptions,
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.insert = db.prepare('INSERT INTO telemetry_outbox (topic, payload, qos, retain, created_at) VALUES (?, ?, ?, ?, ?)');
    this.selectAfter = db.prepare('SELECT seq, topic, payload, qos, retain, created_at AS createdAt FROM telemetry_outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.deleteThrough = db.prepare('DELETE FROM telemetry_outbox WHERE seq <= ?');
    this.deleteOldest = db.prepare('DELETE FROM telemetry_outbox WHERE seq IN (SELECT seq FROM telemetry_outbox ORDER BY seq LIMIT ?)');
    this.deleteOlderThan = db.prepare('DELETE FROM telemetry_outbox WHERE created_at < ?');
    this.countRows = db.prepare('SELECT COUNT(*) FROM telemetry_outbox').pluck();
    this.oldestCreatedAt = db.prepare('SELECT created_at FROM telemetry_outbox ORDER BY seq LIMIT 1').pluck();
    this.savedDropped = storedSetting(db, DROPPED_KEY);
    this.rows = this.countRows.get() as number;
    const saved = this.savedDropped.get();
    this.droppedTotal = saved ? Number(saved) : 0;
    this.group = groupCommitFor(db);
    this.group.onCommit(() => this.emit('enqueued'));
    this.group.onError = (err, lost) => options.log?.warn({ err: err.message, lost }, 'telemetry writes lost: the database refused the commit');
  }

  /** Messages waiting (sent but not yet acknowledged ones included). */
  get depth(): number {
    return this.rows + this.pendingRows;
  }

  /** Messages dropped by the bounds since this database was created. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Stores one message (committed with the rest of this event-loop turn); the oldest go if the outbox is full. */
  enqueue(topic: string, payload: string | Buffer, options: { qos?: 0 | 1; retain?: boolean } = {}): void {
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const createdAt = this.now();
    this.pendingRows++;
    this.group.defer(() => {
      this.pendingRows--;
      this.insert.run(topic, body, options.qos ?? 1, options.retain ? 1 : 0, createdAt);
      this.rows++;
      if (this.rows > this.options.maxMessages) {
        // Make 1% room at once, so a full outbox drops (and logs) in chunks, not on every message.
        const excess = this.rows - this.options.maxMessages + Math.ceil(this.options.maxMessages / 100);
        this.drop(this.deleteOldest.run(excess).changes, 'the outbox is full');
      }
    });
  }

  /** Commits what was enqueued in this turn now (before a stop, or in tests). */
  flush(): void {
    this.group.flush();
  }

  /** Up to `limit` messages after `seq`, oldest first. */
  after(seq: number, limit: number): OutboxMessage[] {
    this.group.flush();
    const rows = this.selectAfter.all(seq, limit) as Array<Omit<OutboxMessage, 'retain'> & { retain: number }>;
    return rows.map((r) => ({ ...r, retain: r.retain === 1 }));
  }

  /** The broker acknowledged every message up to `seq`. */
  acknowledgeThrough(seq: number): void {
    this.rows -= this.deleteThrough.run(seq).changes;
  }

  /** Drops what is older than `maxAgeMs` (the owner calls this on a timer); returns how many. */
  expire(): number {
    this.group.flush();
    const oldest = this.oldestCreatedAt.get() as number | undefined;
    if (oldest === undefined || oldest >= this.now() - this.options.maxAgeMs) return 0;
    const removed = this.deleteOlderThan.run(this.now() - this.options.maxAgeMs).changes;
    if (removed > 0) this.drop(removed, `older than ${Math.round(this.options.maxAgeMs / 1000)} s`);
    return removed;
  }

  private drop(count: number, why: string): void {
    if (count <= 0) return;
    this.rows = this.countRows.get() as number;
    this.droppedTotal += count;
    this.savedDropped.set(String(this.droppedTotal), new Date(this.now()).toISOString());
    this.options.log?.warn({ dropped: count, droppedTotal: this.droppedTotal, why }, 'telemetry outbox dropped the oldest messages');
    this.emit('dropped', count);
  }
}
