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
import type { FeedbackVia, SelfTestFaultReason } from '../appliance/model/room-events.js';
import { camelCaseRow } from '../appliance/store/camel-case-row.js';
import { announceChanges } from './fleet-change-feed.js';
import { emptyChanges, roomKey, type FleetChanges } from './fleet-changes.js';
import { currentMeetingIn } from './current-meeting.js';
import { deviceNamesOf } from './device-names.js';
import { FleetBatchWriter } from './fleet-batch-writer.js';
import { EventBudget } from './event-budget.js';
import type { FleetMessage } from './fleet-messages.js';
import { queryInChunks, queryOne, type FleetSql } from './fleet-sql.js';
import { openIssuesCursor, readOpenIssuesCursor, type OpenIssuesPage } from './open-issues-page.js';

export { emptyChanges, roomKey, type FleetChanges } from './fleet-changes.js';

// Portable SQL (fleet-sql.ts): CASE rather than summing booleans.
const count = (status: string) => `COALESCE(SUM(CASE WHEN d.status = '${status}' THEN 1 ELSE 0 END), 0)`;
const SUMMARY = `SELECT r.site, r.room, r.name, r.status AS online, r.updated_at AS "updatedAt",
    r.events_held_back AS "eventsHeldBack", r.events_held_back_at AS "eventsHeldBackAt",
    ${count('ok')} AS ok, ${count('degraded')} AS degraded, ${count('offline')} AS offline, ${count('auth-failed')} AS "authFailed", ${count('unknown')} AS unknown,
    (SELECT COUNT(*) FROM fleet_issues i WHERE i.site = r.site AND i.room = r.room AND i.state != 'resolved') AS "openIssues"
  FROM fleet_rooms r LEFT JOIN fleet_devices d ON d.site = r.site AND d.room = r.room`;
const SUMMARY_GROUP = 'r.site, r.room, r.name, r.status, r.updated_at, r.events_held_back, r.events_held_back_at';
/** Unresolved, and given to the operator of the first parameter when `whose`. */
const openOf = (whose: boolean) => `state != 'resolved'${whose ? ' AND assigned_to = ?' : ''}`;
const EVENT_COLUMNS = 'seq, id, site, room, type, device_id AS "deviceId", at, body';

const SQL = {
  summaries: `${SUMMARY} GROUP BY ${SUMMARY_GROUP} ORDER BY r.site, r.room`,
  summary: `${SUMMARY} WHERE r.site = ? AND r.room = ? GROUP BY ${SUMMARY_GROUP}`,
  summariesOf: (n: number) =>
    `${SUMMARY} WHERE (r.site, r.room) IN (VALUES ${Array(n).fill('(?, ?)').join(', ')}) GROUP BY ${SUMMARY_GROUP} ORDER BY r.site, r.room`,
  roomRow: 'SELECT state FROM fleet_rooms WHERE site = ? AND room = ?',
  devices: `SELECT device_id AS "deviceId", status, since, detail, code, error_message AS "errorMessage", metrics, received_at AS "receivedAt"
    FROM fleet_devices WHERE site = ? AND room = ? ORDER BY device_id`,
  roomEvents: `SELECT ${EVENT_COLUMNS} FROM fleet_events WHERE site = ? AND room = ? ORDER BY seq DESC LIMIT ?`,
  allEvents: `SELECT ${EVENT_COLUMNS} FROM fleet_events ORDER BY seq DESC LIMIT ?`,
  eventsBySeq: (n: number) => `SELECT ${EVENT_COLUMNS} FROM fleet_events WHERE seq IN (${Array(n).fill('?').join(', ')}) ORDER BY seq`,
  issues: 'SELECT * FROM fleet_issues ORDER BY opened_at DESC LIMIT ?',
  issuesByState: 'SELECT * FROM fleet_issues WHERE state = ? ORDER BY opened_at DESC LIMIT ?',
  openIssues: "SELECT * FROM fleet_issues WHERE state != 'resolved' ORDER BY opened_at DESC LIMIT ?",
  /** The open issues, or one operator's (`whose`), newest first; after a cursor with `after`. */
  openIssuesPage: (whose: boolean, after: boolean) =>
    `SELECT * FROM fleet_issues WHERE ${openOf(whose)}${after ? ' AND (opened_at, id) < (?, ?)' : ''} ORDER BY opened_at DESC, id DESC LIMIT ?`,
  openIssueCount: (whose: boolean) => `SELECT COUNT(*) AS n FROM fleet_issues WHERE ${openOf(whose)}`,
  roomIssues: 'SELECT * FROM fleet_issues WHERE site = ? AND room = ? ORDER BY opened_at DESC LIMIT 50',
  issue: 'SELECT * FROM fleet_issues WHERE id = ?',
  issuesOf: (n: number) => `SELECT * FROM fleet_issues WHERE id IN (${Array(n).fill('?').join(', ')}) ORDER BY opened_at DESC, id DESC`,
  ack: "UPDATE fleet_issues SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'",
  resolve: "UPDATE fleet_issues SET state = 'resolved', resolved_by = ?, resolved_at = ? WHERE id = ? AND state != 'resolved'",
  eventCount: 'SELECT COUNT(*) AS n FROM fleet_events',
};

/**
 * The fleet's memory: latest status and state of every room, latest health of every device,
 * the event history (one row per event id: resends are ignored), and the issues (problem
 * reports and help calls) staff acknowledge and resolve. The rooms' messages are written by
 * `FleetBatchWriter`; this is what the dashboard, the alerts and the issues read. Every read
 * and write goes through the async seam (fleet-sql.ts), so the same store runs on SQLite and
 * on PostgreSQL.
 */
export class FleetStore {
  private constructor(
    readonly sql: FleetSql,
    /** Names this instance's notifications, so it does not replay its own changes. */
    readonly origin: string,
    private readonly writer: FleetBatchWriter,
  ) {}

  /** A store over an open (migrated) database; loads what it needs to tell changes. */
  static async open(sql: FleetSql, options: { roomEventsPerMinute?: number; maxRooms?: number } = {}): Promise<FleetStore> {
    const origin = randomUUID();
    return new FleetStore(sql, origin, await FleetBatchWriter.load(sql, origin, new EventBudget(options.roomEventsPerMinute), options.maxRooms));
  }

  /** Applies a batch in one transaction (one commit for thousands of messages). */
  apply(messages: readonly FleetMessage[], now = Date.now()): Promise<FleetChanges> {
    return this.writer.apply(messages, now);
  }

  async rooms(filter: RoomFilter = {}): Promise<FleetRoomSummary[]> {
    return (await this.sql.query<SummaryRow>(SQL.summaries)).map(toSummary).filter((r) => roomMatches(r, filter));
  }

  async roomSummary(site: string, room: string): Promise<FleetRoomSummary | undefined> {
    const row = await queryOne<SummaryRow>(this.sql, SQL.summary, [site, room]);
    return row ? toSummary(row) : undefined;
  }

  /** The summaries of these rooms (those that exist), by site and room: one query per 500 rooms. */
  async roomSummaries(rooms: ReadonlyArray<readonly [site: string, room: string]>): Promise<FleetRoomSummary[]> {
    return (await queryInChunks<readonly [string, string], SummaryRow>(this.sql, rooms, SQL.summariesOf, (key) => [...key])).map(toSummary);
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
    return currentMeetingIn(this.sql, site, room);
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

  /**
   * A page of the open issues after `after` (a cursor of the previous page), with their total: two
   * queries whatever the page. With `assignedTo`, only that operator's: the page, the total and the cursor are of theirs.
   */
  async openIssuesPage(limit: number, after?: string, assignedTo?: string): Promise<OpenIssuesPage> {
    const from = after === undefined ? undefined : readOpenIssuesCursor(after);
    const whose = assignedTo === undefined ? [] : [assignedTo];
    // One row more than the page says whether there is a next one.
    const rows = await this.sql.query<IssueRow>(SQL.openIssuesPage(whose.length > 0, from !== undefined), [
      ...whose,
      ...(from ? [from.openedAt, from.id] : []),
      limit + 1,
    ]);
    const issues = rows.slice(0, limit).map(toIssue);
    const total = Number((await queryOne<{ n: number | string }>(this.sql, SQL.openIssueCount(whose.length > 0), whose))?.n ?? 0);
    return { issues, total, next: rows.length > limit ? openIssuesCursor(issues.at(-1)!) : null };
  }

  async issue(id: string): Promise<FleetIssue | undefined> {
    const row = await queryOne<IssueRow>(this.sql, SQL.issue, [id]);
    return row ? toIssue(row) : undefined;
  }

  /** These issues (those that exist), newest first within each 500 ids: one query per 500. */
  async issuesByIds(ids: readonly string[]): Promise<FleetIssue[]> {
    return (await queryInChunks<string, IssueRow>(this.sql, ids, SQL.issuesOf, (id) => [id])).map(toIssue);
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
  eventsHeldBack: number | string;
  eventsHeldBackAt: number | string | null;
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
  const heldBack = Number(r.eventsHeldBack);
  return {
    site: r.site,
    room: r.room,
    name: r.name,
    online: r.online,
    worst,
    counts,
    openIssues: r.openIssues,
    updatedAt: r.updatedAt,
    eventsHeldBack: heldBack > 0 ? { events: heldBack, lastAt: Number(r.eventsHeldBackAt) } : null,
  };
}

/** An issue as stored (`SELECT *`): what `toIssue` reads. */
export interface IssueRow {
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
  self_test: string | null;
  assigned_to: string | null;
  cleared_at: string | null;
  meeting: string | null;
  rating: number | null;
  comment: string | null;
  report_via: FeedbackVia | null;
}

/** A stored issue: its columns by the naming rule, the device's names read from their JSON, the rating as a number. */
export function toIssue(row: IssueRow): FleetIssue {
  const issue = camelCaseRow(row);
  return {
    ...issue,
    deviceNames: issue.deviceNames ? (JSON.parse(issue.deviceNames) as FleetNames) : null,
    selfTest: issue.selfTest ? (JSON.parse(issue.selfTest) as SelfTestFaultReason) : null,
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
