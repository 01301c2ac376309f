import { openSqlite, type Db } from '../appliance/store/database.js';
import type { FleetDevice, FleetEvent, FleetIssue, FleetRoomDetail, FleetRoomSummary, HealthStatus, IssueState } from './fleet-api-types.js';
import { FLEET_MIGRATIONS } from './fleet-migrations.js';
import type { FleetMessage } from './fleet-messages.js';

/** What one batch changed: the dashboard and the alert rules work from this. */
export interface FleetChanges {
  rooms: Set<string>;
  events: FleetEvent[];
  issues: Set<string>;
  devices: Array<{ site: string; room: string; deviceId: string; status: HealthStatus; previous: HealthStatus | undefined; detail: string | null }>;
  roomStatus: Array<{ site: string; room: string; online: 'online' | 'offline' }>;
  /** Health messages older than what is stored (a resend after a room restart), ignored. */
  stale: number;
  duplicates: number;
}

export const roomKey = (site: string, room: string) => `${site}/${room}`;
const deviceKey = (site: string, room: string, id: string) => `${site}/${room}/${id}`;

/**
 * Opens `<dir>/fleet.sqlite` (WAL) with the fleet's migrations. NORMAL: a killed process loses
 * nothing committed; a power cut may lose the last batch, which the rooms' retained topics and
 * persistent session give back.
 */
export function openFleetDatabase(dir: string): Db {
  return openSqlite(dir, { file: 'fleet.sqlite', synchronous: 'NORMAL', foreignKeys: false, label: 'the fleet database' }, FLEET_MIGRATIONS);
}

/**
 * The fleet's memory: latest status and state of every room, latest health of every device,
 * the event history (one row per event id: resends are ignored), and the issues (problem
 * reports and help calls) staff acknowledge and resolve.
 */
export class FleetStore {
  private readonly s;
  /** device key → status, so a batch knows what changed without reading first. */
  private readonly deviceStatus = new Map<string, HealthStatus>();
  private readonly knownRooms = new Set<string>();
  private readonly applyBatch;

  constructor(readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      touchRoom: p('INSERT OR IGNORE INTO fleet_rooms (site, room, updated_at) VALUES (?, ?, ?)'),
      roomStatus: p('UPDATE fleet_rooms SET status = ?, status_since = ?, updated_at = ? WHERE site = ? AND room = ?'),
      roomState: p('UPDATE fleet_rooms SET state = ?, name = COALESCE(?, name), updated_at = ? WHERE site = ? AND room = ?'),
      health: p(`INSERT INTO fleet_devices (site, room, device_id, status, since, detail, code, metrics, reported_at, received_at, messages)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
        ON CONFLICT (site, room, device_id) DO UPDATE SET status = excluded.status, since = excluded.since, detail = excluded.detail,
          code = excluded.code, metrics = excluded.metrics, reported_at = excluded.reported_at, received_at = excluded.received_at, messages = messages + 1
        WHERE excluded.reported_at IS NULL OR fleet_devices.reported_at IS NULL OR excluded.reported_at >= fleet_devices.reported_at`),
      event: p('INSERT OR IGNORE INTO fleet_events (id, site, room, type, device_id, at, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      openIssue: p("INSERT OR IGNORE INTO fleet_issues (id, kind, site, room, summary, opened_at, state) VALUES (?, ?, ?, ?, ?, ?, 'open')"),
      roomAckIssue: p("UPDATE fleet_issues SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'"),
      roomSeen: p('UPDATE fleet_issues SET room_seen_at = COALESCE(room_seen_at, ?), room_error = NULL WHERE id = ? AND room_seen_at IS NULL'),
      summaries: p(`SELECT r.site, r.room, r.name, r.status AS online, r.updated_at AS updatedAt,
          COALESCE(SUM(d.status = 'ok'), 0) AS ok, COALESCE(SUM(d.status = 'degraded'), 0) AS degraded,
          COALESCE(SUM(d.status = 'offline'), 0) AS offline, COALESCE(SUM(d.status = 'auth-failed'), 0) AS authFailed, COALESCE(SUM(d.status = 'unknown'), 0) AS unknown,
          (SELECT COUNT(*) FROM fleet_issues i WHERE i.site = r.site AND i.room = r.room AND i.state != 'resolved') AS openIssues
        FROM fleet_rooms r LEFT JOIN fleet_devices d ON d.site = r.site AND d.room = r.room
        GROUP BY r.site, r.room ORDER BY r.site, r.room`),
      summary: p(`SELECT r.site, r.room, r.name, r.status AS online, r.updated_at AS updatedAt,
          COALESCE(SUM(d.status = 'ok'), 0) AS ok, COALESCE(SUM(d.status = 'degraded'), 0) AS degraded,
          COALESCE(SUM(d.status = 'offline'), 0) AS offline, COALESCE(SUM(d.status = 'auth-failed'), 0) AS authFailed, COALESCE(SUM(d.status = 'unknown'), 0) AS unknown,
          (SELECT COUNT(*) FROM fleet_issues i WHERE i.site = r.site AND i.room = r.room AND i.state != 'resolved') AS openIssues
        FROM fleet_rooms r LEFT JOIN fleet_devices d ON d.site = r.site AND d.room = r.room
        WHERE r.site = ? AND r.room = ? GROUP BY r.site, r.room`),
      roomRow: p('SELECT state FROM fleet_rooms WHERE site = ? AND room = ?'),
      devices: p(`SELECT device_id AS deviceId, status, since, detail, code, metrics, received_at AS receivedAt
        FROM fleet_devices WHERE site = ? AND room = ? ORDER BY device_id`),
      roomEvents: p('SELECT seq, id, site, room, type, device_id AS deviceId, at, body FROM fleet_events WHERE site = ? AND room = ? ORDER BY seq DESC LIMIT ?'),
      allEvents: p('SELECT seq, id, site, room, type, device_id AS deviceId, at, body FROM fleet_events ORDER BY seq DESC LIMIT ?'),
      issues: p('SELECT * FROM fleet_issues ORDER BY opened_at DESC LIMIT ?'),
      issuesByState: p('SELECT * FROM fleet_issues WHERE state = ? ORDER BY opened_at DESC LIMIT ?'),
      openIssues: p("SELECT * FROM fleet_issues WHERE state != 'resolved' ORDER BY opened_at DESC LIMIT ?"),
      roomIssues: p('SELECT * FROM fleet_issues WHERE site = ? AND room = ? ORDER BY opened_at DESC LIMIT 50'),
      issue: p('SELECT * FROM fleet_issues WHERE id = ?'),
      ack: p("UPDATE fleet_issues SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'"),
      resolve: p("UPDATE fleet_issues SET state = 'resolved', resolved_by = ?, resolved_at = ? WHERE id = ? AND state != 'resolved'"),
      eventCount: p('SELECT COUNT(*) FROM fleet_events').pluck(),
    };
    for (const row of db.prepare('SELECT site, room, device_id AS id, status FROM fleet_devices').all() as Array<{ site: string; room: string; id: string; status: HealthStatus }>) {
      this.deviceStatus.set(deviceKey(row.site, row.room, row.id), row.status);
    }
    for (const row of db.prepare('SELECT site, room FROM fleet_rooms').all() as Array<{ site: string; room: string }>) this.knownRooms.add(roomKey(row.site, row.room));
    this.applyBatch = db.transaction((messages: readonly FleetMessage[], now: number) => this.applyAll(messages, now));
  }

  /** Applies a batch in one transaction (one commit for thousands of messages). */
  apply(messages: readonly FleetMessage[], now = Date.now()): FleetChanges {
    return this.applyBatch(messages, now);
  }

  private applyAll(messages: readonly FleetMessage[], now: number): FleetChanges {
    const changes: FleetChanges = { rooms: new Set(), events: [], issues: new Set(), devices: [], roomStatus: [], stale: 0, duplicates: 0 };
    for (const m of messages) {
      const key = roomKey(m.site, m.room);
      if (!this.knownRooms.has(key)) {
        this.s.touchRoom.run(m.site, m.room, now);
        this.knownRooms.add(key);
        changes.rooms.add(key);
      }
      switch (m.kind) {
        case 'status':
          this.s.roomStatus.run(m.online, now, now, m.site, m.room);
          changes.rooms.add(key);
          changes.roomStatus.push({ site: m.site, room: m.room, online: m.online });
          break;
        case 'state': {
          const room = m.state.room as { name?: unknown } | undefined;
          this.s.roomState.run(JSON.stringify(m.state), typeof room?.name === 'string' ? room.name : null, now, m.site, m.room);
          changes.rooms.add(key);
          break;
        }
        case 'health': {
          const h = m.health;
          const applied = this.s.health.run(m.site, m.room, m.deviceId, h.status, h.since, h.detail, h.code, JSON.stringify(h.metrics), h.at, now).changes;
          if (applied === 0) {
            changes.stale++;
            break;
          }
          const dKey = deviceKey(m.site, m.room, m.deviceId);
          const previous = this.deviceStatus.get(dKey);
          if (previous !== h.status) {
            this.deviceStatus.set(dKey, h.status);
            changes.rooms.add(key);
            changes.devices.push({ site: m.site, room: m.room, deviceId: m.deviceId, status: h.status, previous, detail: h.detail });
          }
          break;
        }
        case 'event': {
          const e = m.event;
          const body = JSON.stringify(e.body);
          const result = this.s.event.run(e.id, m.site, m.room, e.type, e.deviceId, e.at, body, now);
          if (result.changes === 0) {
            changes.duplicates++;
            break;
          }
          changes.events.push({ seq: Number(result.lastInsertRowid), id: e.id, site: m.site, room: m.room, type: e.type, deviceId: e.deviceId, at: e.at, body: e.body });
          this.trackIssue(m.site, m.room, e.type, e.body, e.at, changes);
          break;
        }
      }
    }
    return changes;
  }

  private trackIssue(site: string, room: string, type: string, body: Record<string, unknown>, at: string, changes: FleetChanges): void {
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    if (type === 'problem.reported' && str(body.reportId)) {
      const categories = Array.isArray(body.categories) ? body.categories.filter((c) => typeof c === 'string').join(', ') : '';
      const summary = [categories, str(body.comment)].filter(Boolean).join(': ') || 'Problem reported';
      if (this.s.openIssue.run(body.reportId, 'problem', site, room, summary, at).changes) changes.issues.add(String(body.reportId));
    } else if (type === 'help.requested' && str(body.requestId)) {
      if (this.s.openIssue.run(body.requestId, 'help', site, room, str(body.message) ?? 'Help requested', at).changes) changes.issues.add(String(body.requestId));
    } else if (type === 'help.acknowledged' && str(body.requestId)) {
      const acked = this.s.roomAckIssue.run(str(body.by) ?? 'room', at, body.requestId).changes;
      if (this.s.roomSeen.run(at, body.requestId).changes + acked) changes.issues.add(String(body.requestId));
    } else {
      return;
    }
    changes.rooms.add(roomKey(site, room));
  }

  rooms(filter: { site?: string; status?: string } = {}): FleetRoomSummary[] {
    const out = (this.s.summaries.all() as SummaryRow[]).map(toSummary);
    return out.filter((r) => (!filter.site || r.site === filter.site) && (!filter.status || r.worst === filter.status || r.online === filter.status));
  }

  roomSummary(site: string, room: string): FleetRoomSummary | undefined {
    const row = this.s.summary.get(site, room) as SummaryRow | undefined;
    return row ? toSummary(row) : undefined;
  }

  room(site: string, room: string, eventLimit = 100): FleetRoomDetail | undefined {
    const summary = this.roomSummary(site, room);
    if (!summary) return undefined;
    const stateRow = this.s.roomRow.get(site, room) as { state: string | null };
    const devices = (this.s.devices.all(site, room) as Array<Omit<FleetDevice, 'metrics'> & { metrics: string }>).map((d) => ({ ...d, metrics: JSON.parse(d.metrics) as Record<string, number> }));
    return {
      room: summary,
      state: stateRow.state ? (JSON.parse(stateRow.state) as Record<string, unknown>) : null,
      devices,
      events: this.events({ site, room, limit: eventLimit }),
      issues: (this.s.roomIssues.all(site, room) as IssueRow[]).map(toIssue),
    };
  }

  events(options: { site?: string; room?: string; limit?: number } = {}): FleetEvent[] {
    const limit = options.limit ?? 100;
    const rows = (options.site && options.room ? this.s.roomEvents.all(options.site, options.room, limit) : this.s.allEvents.all(limit)) as Array<Omit<FleetEvent, 'body'> & { body: string }>;
    return rows.map((r) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }));
  }

  eventCount(): number {
    return this.s.eventCount.get() as number;
  }

  issues(state?: IssueState | 'unresolved', limit = 500): FleetIssue[] {
    const rows = state === 'unresolved' ? this.s.openIssues.all(limit) : state ? this.s.issuesByState.all(state, limit) : this.s.issues.all(limit);
    return (rows as IssueRow[]).map(toIssue);
  }

  issue(id: string): FleetIssue | undefined {
    const row = this.s.issue.get(id) as IssueRow | undefined;
    return row ? toIssue(row) : undefined;
  }

  /** Staff acknowledged or resolved an issue; returns it, or undefined when there is no such issue. */
  setIssueState(id: string, state: 'acknowledged' | 'resolved', by: string, at = new Date()): FleetIssue | undefined {
    (state === 'acknowledged' ? this.s.ack : this.s.resolve).run(by, at.toISOString(), id);
    return this.issue(id);
  }
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
  // A refused password needs someone as surely as a dead device, but the device is there: next after offline.
  const worst: HealthStatus =
    r.online === 'offline' || counts.offline > 0 ? 'offline' : counts['auth-failed'] > 0 ? 'auth-failed' : counts.degraded > 0 ? 'degraded' : counts.unknown > 0 || r.online === 'unknown' ? 'unknown' : 'ok';
  return { site: r.site, room: r.room, name: r.name, online: r.online, worst, counts, openIssues: r.openIssues, updatedAt: r.updatedAt };
}

interface IssueRow {
  id: string;
  kind: FleetIssue['kind'];
  site: string;
  room: string;
  summary: string;
  opened_at: string;
  state: IssueState;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  room_seen_at: string | null;
  room_error: string | null;
}

function toIssue(r: IssueRow): FleetIssue {
  return {
    id: r.id,
    kind: r.kind,
    site: r.site,
    room: r.room,
    summary: r.summary,
    openedAt: r.opened_at,
    state: r.state,
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    roomSeenAt: r.room_seen_at,
    roomError: r.room_error,
  };
}
