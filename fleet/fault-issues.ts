import { randomUUID } from 'node:crypto';
import type { FleetSqlTx } from './fleet-sql.js';

/** A room's `fault.raised` or `fault.cleared`, as the batch hands it on. */
interface FaultEvent {
  type: string;
  deviceId: string | null;
  at: string;
  body: Record<string, unknown>;
}

/**
 * What one kind of the room's faults does to the issues (a failed self-test check, the storage
 * check): runs inside the batch's transaction, after the event was stored once, and answers the
 * issues it changed. `meeting` names the meeting running in the room, read only when an issue opens.
 */
export type FaultTracker = (
  tx: FleetSqlTx,
  room: { site: string; room: string },
  event: FaultEvent,
  meeting: () => Promise<string | null>,
) => Promise<string[]>;

/** The fault's id when it is of the kind its prefix says (`selftest-`, `storage-`): a tracker takes only its own. */
export function faultIdOf(event: FaultEvent, prefix: string): string | null {
  const id = event.body.faultId;
  return typeof id === 'string' && id.startsWith(prefix) ? id : null;
}

/**
 * The room's `fault.cleared` of a fault that opened an issue: the issue is cleared, and resolved
 * unless an operator took it on (then it is theirs to resolve); not one that health faults joined,
 * nor another room's (a room names only its own faults).
 */
export async function clearFaultIssue(tx: FleetSqlTx, room: { site: string; room: string }, faultId: string, at: string): Promise<boolean> {
  const cleared = await tx.run(
    `UPDATE fleet_issues SET cleared_at = ?, state = CASE WHEN state = 'open' THEN 'resolved' ELSE state END, resolved_at = CASE WHEN state = 'open' THEN ? ELSE resolved_at END
      WHERE id = ? AND site = ? AND room = ? AND kind = 'device' AND cleared_at IS NULL AND NOT EXISTS (SELECT 1 FROM fleet_device_faults f WHERE f.issue_id = ? AND f.ended_at IS NULL)`,
    [at, at, faultId, room.site, room.room, faultId],
  );
  if (!cleared.changes) return false;
  await logIssue(tx, faultId, 'cleared', null, at);
  return true;
}

export async function logIssue(tx: FleetSqlTx, issueId: string, action: 'opened' | 'cleared', text: string | null, at: string): Promise<void> {
  await tx.run('INSERT INTO fleet_issue_log (id, issue_id, at, actor, action, text) VALUES (?, ?, ?, NULL, ?, ?)', [randomUUID(), issueId, at, action, text]);
}
