import { currentMeetingIn } from './current-meeting.js';
import { trackCallIssue } from './failed-call-issues.js';
import type { FaultTracker } from './fault-issues.js';
import { roomKey, type FleetChanges } from './fleet-changes.js';
import type { FleetSqlTx } from './fleet-sql.js';
import { trackSelfTestFault } from './selftest-fault-issues.js';
import { trackStorageFault } from './storage-fault-issues.js';

const FAULT_TRACKERS: readonly FaultTracker[] = [trackSelfTestFault, trackStorageFault];

const SQL = {
  openIssue: "INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state) VALUES (?, ?, ?, ?, ?, ?, 'open') ON CONFLICT (id) DO NOTHING",
  reportWords: 'UPDATE fleet_issues SET rating = ?, comment = ?, report_via = ? WHERE id = ?',
  roomAckIssue: "UPDATE fleet_issues SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'",
  roomResolveIssue:
    "UPDATE fleet_issues SET resolved_by = CASE WHEN state = 'resolved' THEN resolved_by ELSE ? END, resolved_at = CASE WHEN state = 'resolved' THEN resolved_at ELSE ? END, state = 'resolved', room_resolved_at = COALESCE(room_resolved_at, ?), room_seen_at = COALESCE(room_seen_at, ?), room_error = NULL WHERE id = ? AND (state != 'resolved' OR room_resolved_at IS NULL)",
  roomSeen: 'UPDATE fleet_issues SET room_seen_at = COALESCE(room_seen_at, ?), room_error = NULL WHERE id = ? AND room_seen_at IS NULL',
};

/**
 * A room's event in the batch: what it does to the issues (a problem report or help call opens
 * one, the room's answers move a help call on, a failed call, a failed self-test check or the
 * room's storage check opens or clears one).
 */
export async function trackEventIssue(
  tx: FleetSqlTx,
  site: string,
  room: string,
  event: { id: string; type: string; deviceId?: string | null; body: Record<string, unknown>; at: string },
  changes: FleetChanges,
  /** Whether the room may open one more issue now (ISSUES_PER_ROOM_PER_MINUTE); asked only of events that open one. */
  mayOpen: () => boolean = () => true,
): Promise<void> {
  const { type, body, at } = event;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const reportId = str(body.reportId);
  const requestId = str(body.requestId);
  const opens = (type === 'problem.reported' && reportId) || (type === 'help.requested' && requestId) || type === 'fault.raised';
  if (opens && !mayOpen()) {
    changes.issuesHeldBack++;
    return;
  }
  if (type === 'problem.reported' && reportId) {
    const categories = Array.isArray(body.categories) ? body.categories.filter((c) => typeof c === 'string').join(', ') : '';
    const summary = [categories, str(body.comment)].filter(Boolean).join(': ') || 'Problem reported';
    if ((await tx.run(SQL.openIssue, [reportId, 'problem', site, room, summary, at])).changes) {
      const rating = typeof body.rating === 'number' && Number.isInteger(body.rating) ? body.rating : null;
      const via = body.via === 'panel' || body.via === 'phone' ? body.via : null;
      await tx.run(SQL.reportWords, [rating, str(body.comment) ?? null, via, reportId]);
      changes.issues.add(reportId);
    }
  } else if (type === 'help.requested' && requestId) {
    if ((await tx.run(SQL.openIssue, [requestId, 'help', site, room, str(body.message) ?? 'Help requested', at])).changes) changes.issues.add(requestId);
  } else if (type === 'call.changed') {
    const meeting = await currentMeetingIn(tx, site, room);
    const changed = await trackCallIssue(
      tx,
      { site, room },
      { id: event.id, at, body },
      meeting ? (meeting.title ?? (meeting.confidential ? '(confidential)' : null)) : null,
    );
    if (!changed) return;
    changes.issues.add(changed.issueId);
  } else if (type === 'fault.raised' || type === 'fault.cleared') {
    const meeting = async () => {
      const m = await currentMeetingIn(tx, site, room);
      return m ? (m.title ?? (m.confidential ? '(confidential)' : null)) : null;
    };
    const fault = { type, deviceId: event.deviceId ?? null, at, body };
    let changed = 0;
    // A fault's id says its kind (selftest-…, storage-…): each tracker changes only its own.
    for (const track of FAULT_TRACKERS) {
      for (const id of await track(tx, { site, room }, fault, meeting)) {
        changes.issues.add(id);
        changed++;
      }
    }
    if (changed === 0) return;
  } else if (type === 'help.acknowledged' && requestId) {
    const acked = (await tx.run(SQL.roomAckIssue, [str(body.by) ?? 'room', at, requestId])).changes;
    if ((await tx.run(SQL.roomSeen, [at, requestId])).changes + acked) changes.issues.add(requestId);
  } else if (type === 'help.resolved' && requestId) {
    // The room says the call was dealt with: facilities' Resolve confirmed, or resolved at the room itself.
    if ((await tx.run(SQL.roomResolveIssue, [str(body.by) ?? 'room', at, at, at, requestId])).changes) changes.issues.add(requestId);
  } else {
    return;
  }
  changes.rooms.add(roomKey(site, room));
}
