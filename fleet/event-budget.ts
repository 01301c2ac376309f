import { forEachChunk, queryInChunks, type FleetSqlTx, type SqlValue } from './fleet-sql.js';

/**
 * How many events one room may have stored a minute, on the fleet's clock (the room's own
 * times are whatever it writes). A room sends a few hundred events a day (meetings, calls,
 * feedback, faults); without a bound a room whose broker login was stolen publishes thousands a
 * second under new ids, and each one is a row. Past the bound an event is counted on its room,
 * not stored (fleet_rooms.events_held_back).
 */
const DEFAULT_ROOM_EVENTS_PER_MINUTE = 60;

/**
 * A room may send this many minutes' worth at once (a day's: 86,400 events at the default): a
 * room back from a broker outage sends what it queued meanwhile in one go, and that backlog must
 * be stored, not counted away — a normal week is well under a thousand events, but a device that
 * flapped through a long outage queues thousands (the store-and-forward tests send 10,000).
 */
export const ROOM_EVENT_BACKLOG_MINUTES = 24 * 60;

const MINUTE_MS = 60_000;

/** A room's bucket: the events it may still have stored, as of `at` (the fleet's clock, ms). */
interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The buckets of the rooms of one batch: full at `perMinute × ROOM_EVENT_BACKLOG_MINUTES`,
 * refilled at `perMinute` a minute. A room with no bucket yet has a full one.
 */
export class RoomBuckets {
  private readonly buckets: Map<string, Bucket>;
  readonly burst: number;

  constructor(
    readonly perMinute: number,
    /** room key → its bucket as stored. */
    stored: ReadonlyMap<string, Bucket> = new Map(),
  ) {
    this.burst = perMinute * ROOM_EVENT_BACKLOG_MINUTES;
    this.buckets = new Map([...stored].map(([key, b]) => [key, { ...b }]));
  }

  /** Whether `room` may have one more event stored at `now`, counting it when it may. */
  take(room: string, now: number): boolean {
    const bucket = this.buckets.get(room) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) * this.perMinute) / MINUTE_MS);
    bucket.at = Math.max(bucket.at, now);
    this.buckets.set(room, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens--;
    return true;
  }

  /** Events taken and then not stored after all (a resend of a stored one) cost nothing. */
  giveBack(room: string, events = 1): void {
    const bucket = this.buckets.get(room);
    if (bucket) bucket.tokens = Math.min(this.burst, bucket.tokens + events);
  }

  /** room key → bucket, for every room taken from. */
  entries(): IterableIterator<[string, Readonly<Bucket>]> {
    return this.buckets.entries();
  }
}

// Portable SQL (fleet-sql.ts). A room's row is locked by the first statement until the batch commits: another
// instance's batch of the same room waits, then reads what this one left (one bucket per room, whichever instance hears it).
const SQL = {
  // A new room's row is made full; a known one is read as it is (the no-op update takes the lock, and reads the committed row).
  claim: (rows: number) =>
    `INSERT INTO fleet_event_budgets (site, room, tokens, at) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}
    ON CONFLICT (site, room) DO UPDATE SET tokens = fleet_event_budgets.tokens RETURNING site, room, tokens, at`,
  save: (rows: number) =>
    `INSERT INTO fleet_event_budgets (site, room, tokens, at) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}
    ON CONFLICT (site, room) DO UPDATE SET tokens = excluded.tokens, at = excluded.at`,
};

/**
 * The rooms' event buckets, kept in the fleet's database (fleet_event_budgets): a restart does
 * not fill them again, and fleet instances sharing one PostgreSQL share them (the broker splits
 * a room's messages between the instances). Read once and written once per batch with events,
 * inside the batch's transaction: a batch rolled back takes nothing from its rooms.
 */
export class EventBudget {
  constructor(readonly perMinute = DEFAULT_ROOM_EVENTS_PER_MINUTE) {}

  /**
   * The buckets of `rooms` ([site, room], each once), locked until `tx` ends (none: no statement).
   * In key order, before the batch writes anything else: two instances then wait for each other, never on each other.
   */
  async claim(tx: FleetSqlTx, rooms: ReadonlyArray<readonly [string, string]>, now: number): Promise<RoomBuckets> {
    const sorted = [...rooms].sort(([s1, r1], [s2, r2]) => (s1 < s2 ? -1 : s1 > s2 ? 1 : r1 < r2 ? -1 : r1 > r2 ? 1 : 0));
    const stored = new Map<string, Bucket>();
    const burst = this.perMinute * ROOM_EVENT_BACKLOG_MINUTES;
    // Chunks one after another in key order: the locks are taken in that order.
    const rows = await queryInChunks<readonly [string, string], { site: string; room: string; tokens: number | string; at: number | string }>(
      tx,
      sorted,
      SQL.claim,
      ([site, room]) => [site, room, burst, now],
    );
    for (const r of rows) stored.set(`${r.site}/${r.room}`, { tokens: Number(r.tokens), at: Number(r.at) });
    return new RoomBuckets(this.perMinute, stored);
  }

  /**
   * Deletes the rows of rooms whose bucket is full again at `now`: they say nothing a missing
   * row does not (a room without a row has a full bucket), so the table holds only the rooms
   * that sent events within the time a spent bucket takes to refill (a day at most), not every
   * room that ever sent one. On SQLite (one writer at a time) a pass sees each row as the last
   * batch left it; on PostgreSQL a row another instance's batch holds is left to the next pass.
   */
  async prune(tx: FleetSqlTx, now: number): Promise<number> {
    // Full at `now` when tokens + (now - at) × perMinute / minute ≥ burst, written as a bound on `at`
    // (PostgreSQL types `? - double` as a double, so a fractional rate stays exact).
    const full = 'at <= ? - (? - tokens) * ?';
    const params = [now, this.perMinute * ROOM_EVENT_BACKLOG_MINUTES, MINUTE_MS / this.perMinute];
    if (tx.dialect === 'sqlite') return (await tx.run(`DELETE FROM fleet_event_budgets WHERE ${full}`, params)).changes;
    // On PostgreSQL a batch of another instance may hold some of these rows (it locks its rooms' in key order, then
    // waits on the next): those are left to the next pass, so a prune never waits on a batch that waits on it.
    return (
      await tx.run(
        `DELETE FROM fleet_event_budgets WHERE (site, room) IN (SELECT site, room FROM fleet_event_budgets WHERE ${full} FOR UPDATE SKIP LOCKED)`,
        params,
      )
    ).changes;
  }

  /** Writes back what the batch took (one statement per chunk of rooms, forEachChunk; none when it had no events). */
  async save(tx: FleetSqlTx, buckets: RoomBuckets): Promise<void> {
    const rows = [...buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await forEachChunk(rows, async (chunk) => {
      await tx.run(
        SQL.save(chunk.length),
        chunk.flatMap(([key, b]): SqlValue[] => {
          const slash = key.indexOf('/');
          return [key.slice(0, slash), key.slice(slash + 1), b.tokens, b.at];
        }),
      );
    });
  }
}
