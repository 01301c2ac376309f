import type { HealthStatus } from './fleet-api-types.js';
import { announceChanges } from './fleet-change-feed.js';
import { emptyChanges, roomKey, type FleetChanges } from './fleet-changes.js';
import type { FleetMessage } from './fleet-messages.js';
import { forEachChunk, queryInChunks, type FleetSql, type FleetSqlTx, type SqlValue } from './fleet-sql.js';
import { trackEventIssue } from './event-issues.js';
import { IssueBudget } from './issue-budget.js';
import { clearStorageFaultsOnState } from './storage-fault-issues.js';
import { EventBudget } from './event-budget.js';
import { isIanaZone } from '../appliance/schedule/zoned-time.js';

type HealthMessage = Extract<FleetMessage, { kind: 'health' }>;

const deviceKey = (site: string, room: string, id: string) => `${site}/${room}/${id}`;

/**
 * The devices the fleet keeps for one room. A room's config lists a few dozen; without a
 * bound a room whose broker login was stolen publishes health for a million device ids and
 * the fleet keeps a row and a map entry for each. Health of a device past it is ignored.
 */
export const MAX_DEVICES_PER_ROOM = 256;
/**
 * The rooms the fleet keeps (one row and a few map entries each, never pruned). The broker's
 * per-room logins let a room publish under its own topics only; a login that may publish
 * anywhere (a broker set up without them) could name a million rooms. Several times what one
 * instance was measured to keep up with (README, What we measured); past it a new room's
 * messages are ignored and counted.
 */
const MAX_ROOMS = 200_000;
/**
 * Ids of events counted on their room and not stored, remembered so a copy that comes in a later batch
 * (MQTT delivers at least once; a room re-sends its queue after an outage) is a duplicate, not one more
 * event held back. Oldest forgotten first; ids are at most 128 characters, so a few MB at most.
 */
export const HELD_BACK_IDS_REMEMBERED = 10_000;
/** A map's values in the order of its keys. */
const sortedValues = <T>(map: ReadonlyMap<string, T>): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

// Portable SQL (fleet-sql.ts): ON CONFLICT rather than OR IGNORE.
const SQL = {
  // Many rooms per statement: a fleet's first batches (its start, another instance's backlog) hold thousands of new rooms and their status.
  touchRooms: (rows: number) =>
    `INSERT INTO fleet_rooms (site, room, updated_at) VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')} ON CONFLICT (site, room) DO NOTHING`,
  roomStatuses: (rows: number) =>
    `UPDATE fleet_rooms SET status = v.column3, status_since = ?, updated_at = ? FROM (VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')}) AS v
    WHERE fleet_rooms.site = v.column1 AND fleet_rooms.room = v.column2`,
  // An older state (by the room's own `at`) never replaces a newer one; a state without `at` (other publishers) always applies.
  roomState:
    'UPDATE fleet_rooms SET state = ?, name = COALESCE(?, name), timezone = COALESCE(?, timezone), updated_at = ?, state_at = COALESCE(CAST(? AS BIGINT), state_at) WHERE site = ? AND room = ? AND (state_at IS NULL OR CAST(? AS BIGINT) IS NULL OR state_at <= CAST(? AS BIGINT))',
  // Not older: a resend (a room's retained health after a restart) never overwrites a later report; two reports in one millisecond keep the last.
  // Many devices per statement (one round trip to PostgreSQL for hundreds of heartbeats); RETURNING names the rows written.
  health: (
    rows: number,
  ) => `INSERT INTO fleet_devices (site, room, device_id, status, since, detail, code, error_message, metrics, reported_at, received_at, messages)
    VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)').join(', ')}
    ON CONFLICT (site, room, device_id) DO UPDATE SET status = excluded.status, since = excluded.since, detail = excluded.detail,
      code = excluded.code, error_message = excluded.error_message, metrics = excluded.metrics, reported_at = excluded.reported_at, received_at = excluded.received_at, messages = fleet_devices.messages + 1
    WHERE excluded.reported_at IS NULL OR fleet_devices.reported_at IS NULL OR excluded.reported_at >= fleet_devices.reported_at
    RETURNING site, room, device_id AS "deviceId"`,
  // Added to what other batches (and instances) counted: the room's total past its bound, and when the last one came.
  heldBack: 'UPDATE fleet_rooms SET events_held_back = events_held_back + ?, events_held_back_at = ? WHERE site = ? AND room = ?',
  event:
    'INSERT INTO fleet_events (id, site, room, type, device_id, at, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING seq',
};

/**
 * Writes the rooms' messages a batch at a time: rooms, their status and retained state (its
 * name and time zone), device health (one row per device, never older than what is stored),
 * events once by id within their room's bucket (EventBudget; the rest counted on the room) and the
 * issues they open. It remembers each device's status and the rooms it knows, so a batch
 * tells what changed without reading first.
 */
export class FleetBatchWriter {
  /** device key → status, so a batch knows what changed without reading first. */
  private readonly deviceStatus = new Map<string, HealthStatus>();
  /**
   * device key → the room's time of its last report written (null: the publisher gave none). A copy of
   * that report (MQTT delivers at least once; a restart receives the retained one again) is not the room
   * reporting the device again: only a newer one is `repeated`.
   */
  private readonly lastReportAt = new Map<string, number | null>();
  /** room key → how many of its devices `deviceStatus` holds. */
  private readonly devicesPerRoom = new Map<string, number>();
  private readonly knownRooms = new Set<string>();
  private readonly issueBudget = new IssueBudget();
  /** room key + event id of events counted as held back (HELD_BACK_IDS_REMEMBERED), in the order counted. */
  private readonly heldBackIds = new Set<string>();

  private constructor(
    private readonly sql: FleetSql,
    /** Names this instance's notifications (the store's origin). */
    private readonly origin: string,
    private readonly eventBudget: EventBudget,
    private readonly maxRooms: number,
  ) {}

  /** A writer over an open (migrated) database; loads what it needs to tell changes. */
  static async load(sql: FleetSql, origin: string, eventBudget = new EventBudget(), maxRooms = MAX_ROOMS): Promise<FleetBatchWriter> {
    const writer = new FleetBatchWriter(sql, origin, eventBudget, maxRooms);
    for (const row of await sql.query<{ site: string; room: string; id: string; status: HealthStatus; reportedAt: number | string | null }>(
      'SELECT site, room, device_id AS id, status, reported_at AS "reportedAt" FROM fleet_devices',
    )) {
      writer.remember(row.site, row.room, row.id, row.status);
      writer.lastReportAt.set(deviceKey(row.site, row.room, row.id), row.reportedAt === null ? null : Number(row.reportedAt));
    }
    for (const row of await sql.query<{ site: string; room: string }>('SELECT site, room FROM fleet_rooms')) writer.knownRooms.add(roomKey(row.site, row.room));
    return writer;
  }

  /** A device's status, counting the room's devices when it is a new one. */
  private remember(site: string, room: string, id: string, status: HealthStatus): void {
    const key = deviceKey(site, room, id);
    if (!this.deviceStatus.has(key)) this.devicesPerRoom.set(roomKey(site, room), (this.devicesPerRoom.get(roomKey(site, room)) ?? 0) + 1);
    this.deviceStatus.set(key, status);
  }

  /** Applies a batch in one transaction (one commit for thousands of messages). */
  async apply(messages: readonly FleetMessage[], now = Date.now()): Promise<FleetChanges> {
    const touched: string[] = [];
    const heldBack: string[] = [];
    try {
      const changes = await this.sql.transaction(async (tx) => {
        const changes = await this.applyAll(tx, messages, now, touched, heldBack);
        await announceChanges(tx, this.origin, changes);
        return changes;
      });
      // Remembered once committed: a batch rolled back counted nothing.
      for (const id of heldBack) this.heldBackIds.add(id);
      for (const id of this.heldBackIds) {
        if (this.heldBackIds.size <= HELD_BACK_IDS_REMEMBERED) break;
        this.heldBackIds.delete(id);
      }
      return changes;
    } catch (err) {
      // Rolled back: the rooms this batch added are not in the database after all (nor its events, nor what they took from their rooms' buckets).
      for (const key of touched) this.knownRooms.delete(key);
      throw err;
    }
  }

  private async applyAll(tx: FleetSqlTx, messages: readonly FleetMessage[], now: number, touched: string[], heldBack: string[]): Promise<FleetChanges> {
    const changes = emptyChanges();
    const health = new Map<string, HealthMessage[]>();
    /** Devices new to the fleet in this batch, per room (counted against MAX_DEVICES_PER_ROOM with the known ones). */
    const newDevices = new Map<string, number>();
    // The batch's new rooms first, then its messages; each room's last status in the batch is written after them.
    const fresh = new Map<string, [string, string]>();
    /** The rooms with events in this batch: their buckets are claimed first (locked until the commit). */
    const sending = new Map<string, [string, string]>();
    /** Rooms new to the fleet past MAX_ROOMS: their messages are ignored. */
    const refused = new Set<string>();
    for (const m of messages) {
      const key = roomKey(m.site, m.room);
      if (!this.knownRooms.has(key) && !fresh.has(key)) {
        if (this.knownRooms.size + fresh.size >= this.maxRooms) refused.add(key);
        else fresh.set(key, [m.site, m.room]);
      }
      if (refused.has(key)) changes.roomsOverBound++;
      else if (m.kind === 'event') sending.set(key, [m.site, m.room]);
    }
    const buckets = await this.eventBudget.claim(tx, [...sending.values()], now);
    await this.inChunks(
      tx,
      sortedValues(fresh),
      (n) => SQL.touchRooms(n),
      ([site, room]) => [site, room, now],
    );
    for (const key of fresh.keys()) {
      this.knownRooms.add(key);
      touched.push(key);
      changes.rooms.add(key);
    }
    const statuses = new Map<string, [string, string, string]>();
    /** room key → ids of the batch's events past the room's bound. */
    const pastBound = new Map<string, Set<string>>();
    for (const m of messages) {
      const key = roomKey(m.site, m.room);
      if (refused.has(key)) continue;
      switch (m.kind) {
        case 'status':
          statuses.set(key, [m.site, m.room, m.online]);
          changes.rooms.add(key);
          changes.roomStatus.push({ site: m.site, room: m.room, online: m.online });
          break;
        case 'state': {
          const room = m.state.room as { name?: unknown } | undefined;
          const published = typeof m.state.at === 'string' ? Date.parse(m.state.at) : Number.NaN;
          const at = Number.isFinite(published) ? published : null;
          const timezone = (m.state.room as { timezone?: unknown } | undefined)?.timezone;
          const applied = await tx.run(SQL.roomState, [
            JSON.stringify(m.state),
            typeof room?.name === 'string' ? room.name : null,
            typeof timezone === 'string' && timezone.length <= 64 && isIanaZone(timezone) ? timezone : null,
            now,
            at,
            m.site,
            m.room,
            at,
            at,
          ]);
          if (!applied.changes) {
            changes.stale++;
            break;
          }
          changes.rooms.add(key);
          for (const id of await clearStorageFaultsOnState(tx, m, m.state, new Date(at ?? now).toISOString())) changes.issues.add(id);
          break;
        }
        case 'health': {
          // Reports of one device in one batch coalesce into its status steps: the newest report of each run of one
          // status. The upsert of a run may coalesce; a status transition inside the batch (offline and back within
          // one flush) must not, or the fault never reaches the issues and the history.
          const dKey = deviceKey(m.site, m.room, m.deviceId);
          if (!this.deviceStatus.has(dKey) && !health.has(dKey)) {
            const held = (this.devicesPerRoom.get(key) ?? 0) + (newDevices.get(key) ?? 0);
            if (held >= MAX_DEVICES_PER_ROOM) {
              changes.overBound++;
              break;
            }
            newDevices.set(key, (newDevices.get(key) ?? 0) + 1);
          }
          const steps = health.get(dKey) ?? [];
          const last = steps.at(-1);
          if (last && last.health.at !== null && m.health.at !== null && m.health.at < last.health.at) {
            changes.stale++;
            break;
          }
          if (last?.health.status === m.health.status) {
            changes.stale++;
            steps[steps.length - 1] = m;
          } else steps.push(m);
          health.set(dKey, steps);
          break;
        }
        case 'event': {
          const e = m.event;
          if (!buckets.take(key, now)) {
            // Past the bound, but maybe a re-send of one stored before (store-and-forward after an outage): looked up below, once for the batch.
            const ids = pastBound.get(key) ?? new Set<string>();
            if (ids.has(e.id)) changes.duplicates++;
            else pastBound.set(key, ids.add(e.id));
            break;
          }
          const inserted = await tx.query<{ seq: number }>(SQL.event, [e.id, m.site, m.room, e.type, e.deviceId, e.at, JSON.stringify(e.body), now]);
          if (inserted.length === 0) {
            buckets.giveBack(key);
            changes.duplicates++;
            break;
          }
          changes.events.push({
            seq: Number(inserted[0]!.seq),
            id: e.id,
            site: m.site,
            room: m.room,
            type: e.type,
            deviceId: e.deviceId,
            at: e.at,
            body: e.body,
          });
          await trackEventIssue(tx, m.site, m.room, { id: e.id, type: e.type, deviceId: e.deviceId, body: e.body, at: e.at }, changes, () =>
            this.issueBudget.take(key, now),
          );
          break;
        }
      }
    }
    await this.eventBudget.save(tx, buckets);
    await this.countHeldBack(tx, pastBound, changes, heldBack);
    // In key order (here and below): two instances writing overlapping rows then take their locks in the same order (no deadlock).
    for (const [key, events] of [...changes.eventsHeldBack].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [site, room] = key.split('/') as [string, string];
      await tx.run(SQL.heldBack, [events, now, site, room]);
      changes.rooms.add(key);
    }
    await this.inChunks(
      tx,
      sortedValues(statuses),
      (n) => SQL.roomStatuses(n),
      (row) => row,
      [now, now],
    );
    // Health one statement per round: the first step of every device, then the second of those that changed status
    // within the batch (rare), and so on, so one statement never writes a row twice.
    const steps = sortedValues(health);
    for (let round = 0; ; round++) {
      const rows = steps.filter((s) => s.length > round).map((s) => s[round]!);
      if (rows.length === 0) break;
      await this.writeHealth(tx, rows, now, changes);
    }
    return changes;
  }

  /**
   * The events past their room's bound that the fleet has neither stored nor counted already are
   * counted on the room (their keys added to `counted`); the others are re-sends (a room sends its
   * queue again after an outage) and cost the room nothing. One query per 500 ids, so a flood past
   * the bound stays cheap.
   */
  private async countHeldBack(tx: FleetSqlTx, pastBound: ReadonlyMap<string, ReadonlySet<string>>, changes: FleetChanges, counted: string[]): Promise<void> {
    const ids = [...pastBound.values()].flatMap((set) => [...set]);
    const inStore = (n: number) => `SELECT id FROM fleet_events WHERE id IN (${Array(n).fill('?').join(', ')})`;
    const stored = new Set((await queryInChunks<string, { id: string }>(tx, ids, inStore, (id) => [id])).map((row) => row.id));
    for (const [key, set] of pastBound) {
      const held = [...set].filter((id) => !stored.has(id) && !this.heldBackIds.has(`${key}/${id}`));
      counted.push(...held.map((id) => `${key}/${id}`));
      changes.duplicates += set.size - held.length;
      if (held.length) changes.eventsHeldBack.set(key, held.length);
    }
  }

  /** One statement per chunk of rows (forEachChunk; `lead` parameters first, then each row's). */
  private async inChunks<T>(
    tx: FleetSqlTx,
    rows: readonly T[],
    sql: (n: number) => string,
    params: (row: T) => SqlValue[],
    lead: SqlValue[] = [],
  ): Promise<void> {
    await forEachChunk(rows, async (chunk) => {
      await tx.run(sql(chunk.length), [...lead, ...chunk.flatMap(params)]);
    });
  }

  private async writeHealth(tx: FleetSqlTx, messages: HealthMessage[], now: number, changes: FleetChanges): Promise<void> {
    await forEachChunk(messages, async (chunk) => {
      const params = chunk.flatMap((m) => [
        m.site,
        m.room,
        m.deviceId,
        m.health.status,
        m.health.since,
        m.health.detail,
        m.health.error?.code ?? m.health.code,
        m.health.error?.message ?? null,
        JSON.stringify(m.health.metrics),
        m.health.at,
        now,
      ]);
      const written = new Set(
        (await tx.query<{ site: string; room: string; deviceId: string }>(SQL.health(chunk.length), params)).map((r) => deviceKey(r.site, r.room, r.deviceId)),
      );
      for (const m of chunk) {
        const dKey = deviceKey(m.site, m.room, m.deviceId);
        if (!written.has(dKey)) {
          changes.stale++;
          continue;
        }
        const previous = this.deviceStatus.get(dKey);
        const copy = m.health.at !== null && this.lastReportAt.get(dKey) === m.health.at;
        this.lastReportAt.set(dKey, m.health.at);
        if (previous !== m.health.status) {
          this.remember(m.site, m.room, m.deviceId, m.health.status);
          changes.rooms.add(roomKey(m.site, m.room));
          changes.devices.push({
            site: m.site,
            room: m.room,
            deviceId: m.deviceId,
            status: m.health.status,
            previous,
            detail: m.health.detail,
            code: m.health.error?.code ?? m.health.code ?? null,
            at: m.health.at,
          });
        } else if (m.health.status !== 'ok' && !copy) {
          const { status, detail } = m.health;
          changes.repeated.push({ site: m.site, room: m.room, deviceId: m.deviceId, status, detail, code: m.health.error?.code ?? m.health.code ?? null });
        }
      }
    });
  }
}
