import { deviceNamesOf } from './device-names.js';
import { clearFaultIssue, faultIdOf, logIssue, type FaultTracker } from './fault-issues.js';
import { queryOne } from './fleet-sql.js';

/** The codes a room's self-test gives its faults, one per kind of check (`ROOMCTL_E_SELFTEST_*`). */
const SELF_TEST_CODE = /^ROOMCTL_E_SELFTEST_[A-Z_]+$/;

/**
 * A failed self-test check of a device is a device issue: a microphone that hears nothing is
 * as much facilities' business as a projector that went offline, though the device still
 * answers and its health never turns. The room's `fault.raised` (with a self-test code and the
 * device) opens it — its id the fault's, its summary the room's words, its code the check's, so
 * the dashboard words it in the operator's language — and the `fault.cleared` of the next
 * self-test in which the check passes closes it, unless an operator took it on (then it is
 * theirs to resolve, like any device fault).
 *
 * A device with an open issue already (it went offline, so its reachability check failed too)
 * keeps that one issue: one unresolved device issue per device (a unique key). An issue that
 * health faults joined since (the device then went offline) is closed by health, not here.
 * Runs inside the batch's transaction, after the event was stored once. Returns the issues changed.
 */
export const trackSelfTestFault: FaultTracker = async (tx, room, event, meeting) => {
  const faultId = faultIdOf(event, 'selftest-');
  if (!faultId) return [];
  if (event.type === 'fault.raised') {
    const code = typeof event.body.code === 'string' ? event.body.code : '';
    if (!event.deviceId || !SELF_TEST_CODE.test(code)) return [];
    const detail = typeof event.body.detail === 'string' && event.body.detail ? event.body.detail : null;
    const state = await queryOne<{ state: string | null }>(tx, 'SELECT state FROM fleet_rooms WHERE site = ? AND room = ?', [room.site, room.room]);
    const names = deviceNamesOf(state?.state ? (JSON.parse(state.state) as Record<string, unknown>) : null)[event.deviceId] ?? null;
    const opened = await tx.run(
      "INSERT INTO fleet_issues (id, kind, site, room, device_id, device_names, summary, error_code, self_test, opened_at, state, meeting) VALUES (?, 'device', ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING",
      [
        faultId,
        room.site,
        room.room,
        event.deviceId,
        names ? JSON.stringify(names) : null,
        detail ?? 'Self-test failed',
        code,
        reasonOf(event.body.selfTest),
        event.at,
        await meeting(),
      ],
    );
    if (!opened.changes) return [];
    await logIssue(tx, faultId, 'opened', detail, event.at);
    return [faultId];
  }
  if (event.type !== 'fault.cleared') return [];
  return (await clearFaultIssue(tx, room, faultId, event.at)) ? [faultId] : [];
};

/** The check's reason, kept as JSON with the fields the contract gives it and nothing else (null when the room sent none). */
function reasonOf(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const { status, said, roomSaid, waitedMs, heard } = value as Record<string, unknown>;
  const reason = {
    ...(typeof status === 'string' ? { status } : {}),
    ...(typeof said === 'string' || said === null ? { said } : {}),
    ...(typeof roomSaid === 'string' ? { roomSaid } : {}),
    ...(typeof waitedMs === 'number' ? { waitedMs } : {}),
    ...(heard && typeof heard === 'object' ? { heard } : {}),
  };
  return Object.keys(reason).length ? JSON.stringify(reason) : null;
}
