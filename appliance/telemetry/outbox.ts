import { TypedBus } from '../model/typed-bus.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import { storedSetting } from '../store/stored-setting.js';
import { groupCommitFor, type GroupCommit } from './group-commit.js';
import { HeldMessages, type OutboxMessage } from './held-messages.js';

interface OutboxOptions {
  /** Messages kept at most; beyond, the oldest are dropped. */
  maxMessages: number;
  /** Messages older than this are dropped instead of sent. */
  maxAgeMs: number;
  /** Bounds of what is held in memory while the disk refuses writes (HELD_MESSAGES_MAX, HELD_BYTES_MAX). */
  held?: { maxMessages: number; maxBytes: number };
  now?: () => number;
  log?: Pick<Logger, 'warn' | 'info'>;
}

const DROPPED_KEY = 'telemetry.outbox.dropped';
/** Losses of held messages are logged at most once in this time, not once per message. */
const LOSS_LOG_MS = 60_000;

/**
 * Store and forward for MQTT: every message is a row in SQLite before anything is sent, and
 * is deleted only once the broker acknowledged it, so neither a broker outage nor a killed
 * process loses it. Inserts are group-committed at the end of the event-loop turn
 * (group-commit.ts): 'enqueued' fires once they are on disk, and only then can the pump send
 * them. Bounded: past `maxMessages` or `maxAgeMs` the oldest rows go first, and
 * the loss is counted (kept in `settings`, so it survives restarts) and logged.
 *
 * While the disk refuses writes (full), messages are held in memory instead (held-messages.ts,
 * bounded, and let go past `maxAgeMs` as rows are), in the same sequence as the rows: the pump
 * sends them as it sends rows, and `writeHeld()` moves them to disk once it has room, after
 * which rows are written again.
 * Only what is held is lost to a killed process; the room's start publishes every device's state again.
 */
export class TelemetryOutbox extends TypedBus<{
  enqueued: [];
  dropped: [number];
  /** false at the write the disk refused (what comes next is held in memory), true once what was held is on disk. */
  writing: [boolean];
}> {
  private readonly insert;
  private readonly selectAfter;
  private readonly deleteThrough;
  private readonly deleteOldest;
  private readonly deleteOlderThan;
  private readonly countRows;
  private readonly oldestCreatedAt;
  private readonly writeAllHeld;
  private readonly savedDropped;
  private readonly now: () => number;
  /** Rows on disk, and rows deferred to this turn's group commit. */
  private rows: number;
  private pendingRows = 0;
  private droppedTotal: number;
  private readonly group: GroupCommit;
  /** The last seq given out: rows and held messages share one sequence. */
  private lastSeq: number;
  private readonly held: HeldMessages;
  /** True from a refused write until the held messages are on disk again. */
  private refusedByDisk = false;
  private enqueuedScheduled = false;
  /** Held messages lost since the last loss line, by why: past the bounds, or past the age limit. */
  private lossesUnlogged = { overBound: 0, expired: 0 };
  private lossLogTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: OutboxOptions,
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.insert = db.prepare('INSERT INTO telemetry_outbox (seq, topic, payload, qos, retain, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.selectAfter = db.prepare('SELECT seq, topic, payload, qos, retain, created_at AS createdAt FROM telemetry_outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.deleteThrough = db.prepare('DELETE FROM telemetry_outbox WHERE seq <= ?');
    this.deleteOldest = db.prepare('DELETE FROM telemetry_outbox WHERE seq IN (SELECT seq FROM telemetry_outbox ORDER BY seq LIMIT ?)');
    this.deleteOlderThan = db.prepare('DELETE FROM telemetry_outbox WHERE created_at < ?');
    this.countRows = db.prepare('SELECT COUNT(*) FROM telemetry_outbox').pluck();
    this.oldestCreatedAt = db.prepare('SELECT created_at FROM telemetry_outbox ORDER BY seq LIMIT 1').pluck();
    // The count of drops is written too: losses while holding could not be saved, and it proves the disk takes writes.
    this.writeAllHeld = db.transaction((messages: OutboxMessage[]) => {
      for (const m of messages) this.insert.run(m.seq, m.topic, m.payload, m.qos, m.retain ? 1 : 0, m.createdAt);
      this.savedDropped.set(String(this.droppedTotal), new Date(this.now()).toISOString());
    });
    this.savedDropped = storedSetting(db, DROPPED_KEY);
    this.rows = this.countRows.get() as number;
    const saved = this.savedDropped.get();
    this.droppedTotal = saved ? Number(saved) : 0;
    this.lastSeq = Math.max(
      (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'telemetry_outbox'").pluck().get() as number | undefined) ?? 0,
      (db.prepare('SELECT MAX(seq) FROM telemetry_outbox').pluck().get() as number | null) ?? 0,
    );
    this.held = new HeldMessages(options.held);
    this.group = groupCommitFor(db);
    this.group.onCommit(() => this.emit('enqueued'));
    this.group.onError = (err, lost) => options.log?.warn({ err: err.message, lost }, 'writes lost: the database refused the commit');
  }

  /** Messages waiting (sent but not yet acknowledged ones included), on disk and held in memory. */
  get depth(): number {
    return this.rows + this.pendingRows + this.held.size;
  }

  /** Messages held in memory because the disk refused them. */
  get heldInMemory(): number {
    return this.held.size;
  }

  /** False from a write the disk refused until what was held in memory is on disk again. */
  get writingToDisk(): boolean {
    return !this.refusedByDisk;
  }

  /** Messages dropped by the bounds since this database was created. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Stores one message (committed with the rest of this event-loop turn); the oldest go if the outbox is full. */
  enqueue(topic: string, payload: string | Buffer, options: { qos?: 0 | 1; retain?: boolean } = {}): void {
    const message: OutboxMessage = {
      seq: ++this.lastSeq,
      topic,
      payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
      qos: options.qos ?? 1,
      retain: options.retain ?? false,
      createdAt: this.now(),
    };
    // In order: while anything is held, what comes after it is held too.
    if (this.refusedByDisk) return this.hold(message);
    this.pendingRows++;
    let ran = false;
    this.group.defer(
      () => {
        ran = true;
        this.pendingRows--;
        this.insert.run(message.seq, message.topic, message.payload, message.qos, message.retain ? 1 : 0, message.createdAt);
        this.rows++;
        if (this.rows > this.options.maxMessages) {
          // Make 1% room at once, so a full outbox drops (and logs) in chunks, not on every message.
          const excess = this.rows - this.options.maxMessages + Math.ceil(this.options.maxMessages / 100);
          this.drop(this.deleteOldest.run(excess).changes, 'the outbox is full');
        }
      },
      (err) => {
        // The commit was rolled back: the row is not on disk, so it is held instead.
        if (!ran) this.pendingRows--;
        if (this.db.open) this.rows = this.countRows.get() as number;
        const first = !this.refusedByDisk;
        if (first)
          this.options.log?.warn(
            { err: err.message, bound: this.heldBound() },
            'telemetry outbox cannot write to disk: holding messages in memory until it can',
          );
        this.refusedByDisk = true;
        this.hold(message);
        // Told once the message is held: a listener's own message is then held after it, in order.
        if (first) this.emit('writing', false);
      },
    );
  }

  /** Commits what was enqueued in this turn now (before a stop, or in tests). */
  flush(): void {
    this.group.flush();
  }

  /**
   * Writes what is held to disk, in order, if it has room again (the owner calls this on a
   * timer); from then on messages are written as before. Returns false while the disk still refuses.
   */
  writeHeld(): boolean {
    if (!this.refusedByDisk) return true;
    const messages = this.held.all();
    try {
      this.writeAllHeld(messages);
    } catch {
      return false;
    }
    this.held.clear();
    this.refusedByDisk = false;
    this.rows = this.countRows.get() as number;
    this.options.log?.info({ written: messages.length }, 'telemetry outbox writes to disk again: the messages held in memory are on it');
    this.emit('writing', true);
    return true;
  }

  /** Before the process stops: what is held goes to disk if it can; what cannot is lost, and said so. */
  close(): void {
    this.group.flush();
    clearTimeout(this.lossLogTimer);
    this.lossLogTimer = undefined;
    if (this.writeHeld() || this.held.size === 0) return;
    this.options.log?.warn({ lost: this.held.size }, 'telemetry messages held in memory are lost: the disk had no room for them');
    this.held.clear();
  }

  /** Up to `limit` messages after `seq`, oldest first: rows, then what is held (whose seqs come after every row's). */
  after(seq: number, limit: number): OutboxMessage[] {
    this.group.flush();
    const rows = this.selectAfter.all(seq, limit) as Array<Omit<OutboxMessage, 'retain'> & { retain: number }>;
    const stored = rows.map((r) => ({ ...r, retain: r.retain === 1 }));
    return stored.length < limit ? [...stored, ...this.held.after(seq, limit - stored.length)] : stored;
  }

  /** The broker acknowledged every message up to `seq`. */
  acknowledgeThrough(seq: number): void {
    this.held.acknowledgeThrough(seq);
    try {
      this.rows -= this.deleteThrough.run(seq).changes;
    } catch {
      // A full disk refuses even a delete; the rows go with the next acknowledgement that can be written.
    }
  }

  /** Drops what is older than `maxAgeMs`, on disk and held in memory (the owner calls this on a timer); returns how many. */
  expire(): number {
    this.group.flush();
    const cutoff = this.now() - this.options.maxAgeMs;
    // One age limit for both: a message held while the disk was full is not sent later than a row would be.
    const heldExpired = this.held.expireBefore(cutoff);
    if (heldExpired > 0) this.noteHeldLoss({ expired: heldExpired });
    const oldest = this.oldestCreatedAt.get() as number | undefined;
    if (oldest === undefined || oldest >= cutoff) return heldExpired;
    let removed: number;
    try {
      removed = this.deleteOlderThan.run(cutoff).changes;
    } catch {
      return heldExpired; // the disk refuses the delete: tried again at the next expiry
    }
    if (removed > 0) this.drop(removed, `older than ${this.maxAgeWords()}`);
    return removed + heldExpired;
  }

  private hold(message: OutboxMessage): void {
    const lost = this.held.hold(message);
    if (lost > 0) this.noteHeldLoss({ overBound: lost });
    if (this.enqueuedScheduled) return;
    // The pump sends held messages as it sends rows: tell it once per turn, as a commit does.
    this.enqueuedScheduled = true;
    setImmediate(() => {
      this.enqueuedScheduled = false;
      this.emit('enqueued');
    });
  }

  /** Counted at once; logged at most once a minute (the disk cannot save the count until it has room). */
  private noteHeldLoss(loss: { overBound?: number; expired?: number }): void {
    const count = (loss.overBound ?? 0) + (loss.expired ?? 0);
    this.droppedTotal += count;
    this.lossesUnlogged.overBound += loss.overBound ?? 0;
    this.lossesUnlogged.expired += loss.expired ?? 0;
    this.emit('dropped', count);
    if (!this.lossLogTimer) this.logHeldLosses();
  }

  private logHeldLosses(): void {
    const { overBound, expired } = this.lossesUnlogged;
    if (overBound + expired === 0) {
      this.lossLogTimer = undefined;
      return;
    }
    const why = [overBound > 0 ? 'more than memory holds' : undefined, expired > 0 ? `older than their age limit (${this.maxAgeWords()})` : undefined].filter(
      (w) => w !== undefined,
    );
    this.options.log?.warn(
      { dropped: overBound + expired, overBound, expired, droppedTotal: this.droppedTotal, bound: this.heldBound() },
      `telemetry messages lost while the disk is full: ${why.join(', and ')}`,
    );
    this.lossesUnlogged = { overBound: 0, expired: 0 };
    this.lossLogTimer = setTimeout(() => this.logHeldLosses(), LOSS_LOG_MS);
    this.lossLogTimer.unref();
  }

  private maxAgeWords(): string {
    return `${Math.round(this.options.maxAgeMs / 1000)} s`;
  }

  /** The bounds of what is held in memory while the disk refuses writes, in words. */
  heldBound(): string {
    const { maxMessages, maxBytes } = this.held.bounds;
    return `${maxMessages} messages, ${Math.round(maxBytes / 1024)} KiB`;
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
