import { randomUUID } from 'node:crypto';
import type {
  FleetDevice,
  FleetEvent,
  FleetIssue,
  FleetMeeting,
  FleetNames,
  FleetRoomDetail,
  FleetRoomSummary,
  HealthStatus,
  IssueState,
} from './fleet-api-types.js';
import { camelCaseRow } from '../appliance/store/camel-case-row.js';
import { announceChanges } from './fleet-change-feed.js';
import { emptyChanges, roomKey, type FleetChanges } from './fleet-changes.js';
import { trackCallIssue } from './failed-call-issues.js';
import type { FleetMessage } from './fleet-messages.js';
import { queryOne, type FleetSql, type FleetSqlTx, type SqlValue } from './fleet-sql.js';

export { emptyChanges, roomKey, type FleetChanges } from './fleet-changes.js';

type HealthMessage = Extract<FleetMessage, { kind: 'health' }>;

const deviceKey = (site: string, room: string, id: string) => `${site}/${room}/${id}`;
/** A map's values in the order of its keys. */
const sortedValues = <T>(map: ReadonlyMap<string, T>): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

// Portable SQL (fleet-sql.ts): CASE rather than summing booleans, ON CONFLICT rather than OR IGNORE.
const count = (status: string) => `COALESCE(SUM(CASE WHEN d.status = '${status}' THEN 1 ELSE 0 END), 0)`;
const SUMMARY = `SELECT r.site, r.room, r.name, r.status AS online, r.updated_at AS "updatedAt",
    ${count('ok')} AS ok, ${count('degraded')} AS degraded, ${count('offline')} AS offline, ${count('auth-failed')} AS "authFailed", ${count('unknown')} AS unknown,
    (SELECT COUNT(*) FROM fleet_issues i WHERE i.site = r.site AND i.room = r.room AND i.state != 'resolved') AS "openIssues"
  FROM fleet_rooms r LEFT JOIN fleet_devices d ON d.site = r.site AND d.room = r.room`;
const EVENT_COLUMNS = 'seq, id, site, room, type, device_id AS "deviceId", at, body';

const SQL = {
  // Many rooms per statement: a fleet's first batches (its start, another instance's backlog) hold thousands of new rooms and their status.
  touchRooms: (rows: number) =>
    `INSERT INTO fleet_rooms (site, room, updated_at) VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')} ON CONFLICT (site, room) DO NOTHING`,
  roomStatuses: (rows: number) =>
    `UPDATE fleet_rooms SET status = v.column3, status_since = ?, updated_at = ? FROM (VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')}) AS v
    WHERE fleet_rooms.site = v.column1 AND fleet_rooms.room = v.column2`,
  // An older state (by the room's own `at`) never replaces a newer one; a state without `at` (other publishers) always applies.
  roomState:
    'UPDATE fleet_rooms SET state = ?, name = COALESCE(?, name), updated_at = ?, state_at = COALESCE(CAST(? AS BIGINT), state_at) WHERE site = ? AND room = ? AND (state_at IS NULL OR CAST(? AS BIGINT) IS NULL OR state_at <= CAST(? AS BIGINT))',
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
  event:
    'INSERT INTO fleet_events (id, site, room, type, device_id, at, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING seq',
  openIssue: "INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state) VALUES (?, ?, ?, ?, ?, ?, 'open') ON CONFLICT (id) DO NOTHING",
  roomAckIssue: "UPDATE fleet_issues SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'",
  roomSeen: 'UPDATE fleet_issues SET room_seen_at = COALESCE(room_seen_at, ?), room_error = NULL WHERE id = ? AND room_seen_at IS NULL',
  summaries: `${SUMMARY} GROUP BY r.site, r.room, r.name, r.status, r.updated_at ORDER BY r.site, r.room`,
  summary: `${SUMMARY} WHERE r.site = ? AND r.room = ? GROUP BY r.site, r.room, r.name, r.status, r.updated_at`,
  roomRow: 'SELECT state FROM fleet_rooms WHERE site = ? AND room = ?',
  reportWords: 'UPDATE fleet_issues SET rating = ?, comment = ? WHERE id = ?',
  lastMeetingEvent:
    "SELECT type, at, body FROM fleet_events WHERE site = ? AND room = ? AND type IN ('meeting.started', 'meeting.ended') ORDER BY seq DESC LIMIT 1",
  devices: `SELECT device_id AS "deviceId", status, since, detail, code, error_message AS "errorMessage", metrics, received_at AS "receivedAt"
    FROM fleet_devices WHERE site = ? AND room = ? ORDER BY device_id`,
  roomEvents: `SELECT ${EVENT_COLUMNS} FROM fleet_events WHERE site = ? AND room = ? ORDER BY seq DESC LIMIT ?`,
  allEvents: `SELECT ${EVENT_COLUMNS} FROM fleet_events ORDER BY seq DESC LIMIT ?`,
  eventsBySeq: (n: number) => `SELECT ${EVENT_COLUMNS} FROM fleet_events WHERE seq IN (${Array(n).fill('?').join(', ')}) ORDER BY seq`,
  issues: 'SELECT * FROM fleet_issues ORDER BY opened_at DESC LIMIT ?',
  issuesByState: 'SELECT * FROM fleet_issues WHERE state = ? ORDER BY opened_at DESC LIMIT ?',
  openIssues: "SELECT * FROM fleet_issues WHERE state != 'resolved' ORDER BY opened_at DESC LIMIT ?",
  roomIssues: 'SELECT * FROM fleet_issues WHERE site = ? AND room = ? ORDER BY opened_at DESC LIMIT 50',
  issue: 'SELECT * FROM fleet_issues WHERE id = ?',
  ack: "UPDATE fleet_issues SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'",
  resolve: "UPDATE fleet_issues SET state = 'resolved', resolved_by = ?, resolved_at = ? WHERE id = ? AND state != 'resolved'",
  eventCount: 'SELECT COUNT(*) AS n FROM fleet_events',
};

/**
 * The fleet's memory: latest status and state of every room, latest health of every device,
 * the event history (one row per event id: resends are ignored), and the issues (problem
 * reports and help calls) staff acknowledge and resolve. Every read and write goes through
 * the async seam (fleet-sql.ts), so the same store runs on SQLite and on PostgreSQL.
 */
export class FleetStore {
  /** device key → status, so a batch knows what changed without reading first. */
  private readonly deviceStatus = new Map<string, HealthStatus>();
  private readonly knownRooms = new Set<string>();

  /** Names this instance's notifications, so it does not replay its own changes. */
  readonly origin = randomUUID();

  private constructor(readonly sql: FleetSql) {}

  /** A store over an open (migrated) database; loads what it needs to tell changes. */
  static async open(sql: FleetSql): Promise<FleetStore> {
    const store = new FleetStore(sql);
    for (const row of await sql.query<{ site: string; room: string; id: string; status: HealthStatus }>(
      'SELECT site, room, device_id AS id, status FROM fleet_devices',
    )) {
      store.deviceStatus.set(deviceKey(row.site, row.room, row.id), row.status);
    }
    for (const row of await sql.query<{ site: string; room: string }>('SELECT site, room FROM fleet_rooms')) store.knownRooms.add(roomKey(row.site, row.room));
    return store;
  }

  /** Applies a batch in one transaction (one commit for thousands of messages). */
  async apply(messages: readonly FleetMessage[], now = Date.now()): Promise<FleetChanges> {
    const touched: string[] = [];
    try {
      return await this.sql.transaction(async (tx) => {
        const changes = await this.applyAll(tx, messages, now, touched);
        await announceChanges(tx, this.origin, changes);
        return changes;
      });
    } catch (err) {
      // Rolled back: the rooms this batch added are not in the database after all.
      for (const key of touched) this.knownRooms.delete(key);
      throw err;
    }
  }

  private async applyAll(tx: FleetSqlTx, messages: readonly FleetMessage[], now: number, touched: string[]): Promise<FleetChanges> {
    const changes = emptyChanges();
    const health = new Map<string, HealthMessage[]>();
    // The batch's new rooms first, then its messages; each room's last status in the batch is written after them.
    const fresh = new Map<string, [string, string]>();
    for (const m of messages) {
      const key = roomKey(m.site, m.room);
      if (!this.knownRooms.has(key)) fresh.set(key, [m.site, m.room]);
    }
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
    for (const m of messages) {
      const key = roomKey(m.site, m.room);
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
          const applied = await tx.run(SQL.roomState, [
            JSON.stringify(m.state),
            typeof room?.name === 'string' ? room.name : null,
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
          break;
        }
        case 'health': {
          // Reports of one device in one batch coalesce into its status steps: the newest report of each run of one
          // status. The upsert of a run may coalesce; a status transition inside the batch (offline and back within
          // one flush) must not, or the fault never reaches the issues and the history.
          const dKey = deviceKey(m.site, m.room, m.deviceId);
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
          const inserted = await tx.query<{ seq: number }>(SQL.event, [e.id, m.site, m.room, e.type, e.deviceId, e.at, JSON.stringify(e.body), now]);
          if (inserted.length === 0) {
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
          await this.trackIssue(tx, m.site, m.room, e.type, e.body, e.at, changes, e.id);
          break;
        }
      }
    }
    // In key order (here and below): two instances writing overlapping rows then take their locks in the same order (no deadlock).
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

  /** One statement per 500 rows (`lead` parameters first, then each row's). */
  private async inChunks<T>(
    tx: FleetSqlTx,
    rows: readonly T[],
    sql: (n: number) => string,
    params: (row: T) => SqlValue[],
    lead: SqlValue[] = [],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await tx.run(sql(chunk.length), [...lead, ...chunk.flatMap(params)]);
    }
  }

  private async writeHealth(tx: FleetSqlTx, messages: HealthMessage[], now: number, changes: FleetChanges): Promise<void> {
    const CHUNK = 500;
    for (let i = 0; i < messages.length; i += CHUNK) {
      const chunk = messages.slice(i, i + CHUNK);
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
        if (previous !== m.health.status) {
          this.deviceStatus.set(dKey, m.health.status);
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
        }
      }
    }
  }

  private async trackIssue(
    tx: FleetSqlTx,
    site: string,
    room: string,
    type: string,
    body: Record<string, unknown>,
    at: string,
    changes: FleetChanges,
    eventId: string,
  ): Promise<void> {
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const reportId = str(body.reportId);
    const requestId = str(body.requestId);
    if (type === 'problem.reported' && reportId) {
      const categories = Array.isArray(body.categories) ? body.categories.filter((c) => typeof c === 'string').join(', ') : '';
      const summary = [categories, str(body.comment)].filter(Boolean).join(': ') || 'Problem reported';
      if ((await tx.run(SQL.openIssue, [reportId, 'problem', site, room, summary, at])).changes) {
        const rating = typeof body.rating === 'number' && Number.isInteger(body.rating) ? body.rating : null;
        await tx.run(SQL.reportWords, [rating, str(body.comment) ?? null, reportId]);
        changes.issues.add(reportId);
      }
    } else if (type === 'help.requested' && requestId) {
      if ((await tx.run(SQL.openIssue, [requestId, 'help', site, room, str(body.message) ?? 'Help requested', at])).changes) changes.issues.add(requestId);
    } else if (type === 'call.changed') {
      const meeting = meetingOf(await tx.query<{ type: string; at: string; body: string }>(SQL.lastMeetingEvent, [site, room]).then((r) => r[0]));
      const changed = await trackCallIssue(
        tx,
        { site, room },
        { id: eventId, at, body },
        meeting ? (meeting.title ?? (meeting.confidential ? '(confidential)' : null)) : null,
      );
      if (!changed) return;
      changes.issues.add(changed.issueId);
    } else if (type === 'help.acknowledged' && requestId) {
      const acked = (await tx.run(SQL.roomAckIssue, [str(body.by) ?? 'room', at, requestId])).changes;
      if ((await tx.run(SQL.roomSeen, [at, requestId])).changes + acked) changes.issues.add(requestId);
    } else {
      return;
    }
    changes.rooms.add(roomKey(site, room));
  }

  async rooms(filter: RoomFilter = {}): Promise<FleetRoomSummary[]> {
    return (await this.sql.query<SummaryRow>(SQL.summaries)).map(toSummary).filter((r) => roomMatches(r, filter));
  }

  async roomSummary(site: string, room: string): Promise<FleetRoomSummary | undefined> {
    const row = await queryOne<SummaryRow>(this.sql, SQL.summary, [site, room]);
    return row ? toSummary(row) : undefined;
  }

  async room(site: string, room: string, eventLimit = 100): Promise<FleetRoomDetail | undefined> {
    const summary = await this.roomSummary(site, room);
    if (!summary) return undefined;
    const stateRow = await queryOne<{ state: string | null }>(this.sql, SQL.roomRow, [site, room]);
    const state = stateRow?.state ? (JSON.parse(stateRow.state) as Record<string, unknown>) : null;
    const names = deviceNamesOf(state);
    const devices = (
      await this.sql.query<Omit<FleetDevice, 'metrics' | 'error' | 'names'> & { metrics: string; errorMessage: string | null }>(SQL.devices, [site, room])
    ).map(
      ({ errorMessage, ...d }): FleetDevice => ({
        ...d,
        names: names[d.deviceId] ?? null,
        error: d.code ? { code: d.code, message: errorMessage ?? d.detail ?? d.code } : null,
        metrics: JSON.parse(d.metrics) as Record<string, number>,
      }),
    );
    return {
      room: summary,
      state,
      meeting: await this.currentMeeting(site, room),
      devices,
      events: await this.events({ site, room, limit: eventLimit }),
      issues: (await this.sql.query<IssueRow>(SQL.roomIssues, [site, room])).map(toIssue),
    };
  }

  /** The device names the room's retained state carries. */
  async deviceNames(site: string, room: string): Promise<Record<string, FleetNames>> {
    const row = await queryOne<{ state: string | null }>(this.sql, SQL.roomRow, [site, room]);
    return deviceNamesOf(row?.state ? (JSON.parse(row.state) as Record<string, unknown>) : null);
  }

  /** The meeting running in a room now (from its meeting.started / meeting.ended events). */
  async currentMeeting(site: string, room: string): Promise<FleetMeeting | null> {
    return meetingOf(await queryOne<{ type: string; at: string; body: string }>(this.sql, SQL.lastMeetingEvent, [site, room]));
  }

  async events(options: { site?: string; room?: string; limit?: number } = {}): Promise<FleetEvent[]> {
    const limit = options.limit ?? 100;
    const rows = await (options.site && options.room
      ? this.sql.query<EventRow>(SQL.roomEvents, [options.site, options.room, limit])
      : this.sql.query<EventRow>(SQL.allEvents, [limit]));
    return rows.map(toEvent);
  }

  /** Events by their sequence number (what another instance stored, announced by number). */
  async eventsBySeq(seqs: readonly number[]): Promise<FleetEvent[]> {
    if (seqs.length === 0) return [];
    return (await this.sql.query<EventRow>(SQL.eventsBySeq(seqs.length), seqs)).map(toEvent);
  }

  async eventCount(): Promise<number> {
    return (await queryOne<{ n: number }>(this.sql, SQL.eventCount))!.n;
  }

  async issues(state?: IssueState | 'unresolved', limit = 500): Promise<FleetIssue[]> {
    const rows = await (state === 'unresolved'
      ? this.sql.query<IssueRow>(SQL.openIssues, [limit])
      : state
        ? this.sql.query<IssueRow>(SQL.issuesByState, [state, limit])
        : this.sql.query<IssueRow>(SQL.issues, [limit]));
    return rows.map(toIssue);
  }

  async issue(id: string): Promise<FleetIssue | undefined> {
    const row = await queryOne<IssueRow>(this.sql, SQL.issue, [id]);
    return row ? toIssue(row) : undefined;
  }

  /** Staff acknowledged or resolved an issue; returns it, or undefined when there is no such issue. */
  async setIssueState(id: string, state: 'acknowledged' | 'resolved', by: string, at = new Date()): Promise<FleetIssue | undefined> {
    const { changes } = await this.sql.run(state === 'acknowledged' ? SQL.ack : SQL.resolve, [by, at.toISOString(), id]);
    const issue = await this.issue(id);
    if (changes && issue) await this.announce({ ...emptyChanges(), rooms: new Set([roomKey(issue.site, issue.room)]), issues: new Set([id]) });
    return issue;
  }

  /** Tells the other instances sharing the database what changed outside a batch (an issue answered). */
  announce(changes: FleetChanges): Promise<void> {
    return announceChanges(this.sql, this.origin, changes);
  }
}

type EventRow = Omit<FleetEvent, 'body'> & { body: string };
const toEvent = (r: EventRow): FleetEvent => ({ ...r, seq: Number(r.seq), body: JSON.parse(r.body) as Record<string, unknown> });

/** The device names a room's retained state carries (`deviceNames: {id: {en, zh-CN}}`). */
function deviceNamesOf(state: Record<string, unknown> | null): Record<string, FleetNames> {
  const out: Record<string, FleetNames> = {};
  const given = state?.deviceNames;
  if (!given || typeof given !== 'object') return out;
  for (const [id, v] of Object.entries(given as Record<string, unknown>)) {
    const n = v as { en?: unknown; 'zh-CN'?: unknown } | null;
    if (n && typeof n.en === 'string') out[id] = { en: n.en, 'zh-CN': typeof n['zh-CN'] === 'string' ? n['zh-CN'] : n.en };
  }
  return out;
}

/** The meeting running now: the newest meeting event, when it is a start. */
function meetingOf(row: { type: string; at: string; body: string } | undefined): FleetMeeting | null {
  if (!row || row.type !== 'meeting.started') return null;
  const body = JSON.parse(row.body) as { meetingId?: unknown; title?: unknown; confidential?: unknown };
  const confidential = body.confidential === true;
  return { meetingId: String(body.meetingId ?? ''), title: !confidential && typeof body.title === 'string' ? body.title : null, confidential, since: row.at };
}

interface SummaryRow {
  site: string;
  room: string;
  name: string | null;
  online: FleetRoomSummary['online'];
  updatedAt: number;
  ok: number;
  degraded: number;
  offline: number;
  authFailed: number;
  unknown: number;
  openIssues: number;
}

function toSummary(r: SummaryRow): FleetRoomSummary {
  const counts = { ok: r.ok, degraded: r.degraded, offline: r.offline, 'auth-failed': r.authFailed, unknown: r.unknown };
  // A room is `offline` only when its appliance is gone: a lost camera leaves a usable room, `degraded`.
  // A refused password needs someone (the config is wrong) more than a device that may come back by itself.
  const worst: HealthStatus =
    r.online === 'offline'
      ? 'offline'
      : counts['auth-failed'] > 0
        ? 'auth-failed'
        : counts.offline + counts.degraded > 0
          ? 'degraded'
          : counts.unknown > 0 || r.online === 'unknown'
            ? 'unknown'
            : 'ok';
  return { site: r.site, room: r.room, name: r.name, online: r.online, worst, counts, openIssues: r.openIssues, updatedAt: r.updatedAt };
}

interface IssueRow {
  id: string;
  kind: FleetIssue['kind'];
  site: string;
  room: string;
  device_id: string | null;
  device_names: string | null;
  summary: string;
  opened_at: string;
  state: IssueState;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  room_seen_at: string | null;
  room_error: string | null;
  room_resolved_at: string | null;
  error_code: string | null;
  assigned_to: string | null;
  cleared_at: string | null;
  meeting: string | null;
  rating: number | null;
  comment: string | null;
}

/** A stored issue: its columns by the naming rule, the device's names read from their JSON, the rating as a number. */
function toIssue(row: IssueRow): FleetIssue {
  const issue = camelCaseRow(row);
  return {
    ...issue,
    deviceNames: issue.deviceNames ? (JSON.parse(issue.deviceNames) as FleetNames) : null,
    rating: issue.rating === null ? null : Number(issue.rating),
  };
}

/** The room tiles' filter: by site, and by status (the worst device's, or online/offline). */
interface RoomFilter {
  site?: string;
  status?: string;
}

export function roomMatches(r: FleetRoomSummary, filter: RoomFilter): boolean {
  return (!filter.site || r.site === filter.site) && (!filter.status || r.worst === filter.status || r.online === filter.status);
}
