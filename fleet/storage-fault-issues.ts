import { clearFaultIssue, faultIdOf, logIssue, type FaultTracker } from './fault-issues.js';
import type { FleetSqlTx } from './fleet-sql.js';

/** The codes of a room's storage check (appliance/store/storage-health.ts). */
const STORAGE_CODE = /^ROOMCTL_E_STORAGE(_[A-Z_]+)?$/;

/**
 * A room's storage check failing (its data folder refusing writes, or telemetry's: held in
 * memory, lost past its bounds) is a room issue: a device issue that names no device. The room's
 * `fault.raised` (its id `storage-…`, a storage code, no device) opens it — its id the fault's, its
 * summary the room's words, its code the check's, so the dashboard words it in the operator's
 * language; raised again under the same id with another code, the issue says the new one. A new
 * storage fault of the room supersedes its others still uncleared (a room started again while its
 * folder still refuses writes raises a new one). The `fault.cleared` of the id, once the room
 * writes again, closes it unless an operator took it on. Runs inside the batch's transaction,
 * after the event was stored once. Returns the issues changed.
 */
export const trackStorageFault: FaultTracker = async (tx, room, event, meeting) => {
  const faultId = faultIdOf(event, 'storage-');
  if (!faultId) return [];
  if (event.type === 'fault.cleared') return (await clearFaultIssue(tx, room, faultId, event.at)) ? [faultId] : [];
  const code = typeof event.body.code === 'string' ? event.body.code : '';
  if (event.type !== 'fault.raised' || event.deviceId || !STORAGE_CODE.test(code)) return [];
  const detail = typeof event.body.detail === 'string' && event.body.detail ? event.body.detail : null;
  const summary = detail ?? 'The data folder is full';
  const known = await tx.query<{ site: string; room: string; errorCode: string | null; clearedAt: string | null }>(
    'SELECT site, room, error_code AS "errorCode", cleared_at AS "clearedAt" FROM fleet_issues WHERE id = ?',
    [faultId],
  );
  if (known[0]) {
    // Another room's fault id (a room names only its own faults) or one cleared already: nothing changes.
    if (known[0].site !== room.site || known[0].room !== room.room || known[0].clearedAt !== null || known[0].errorCode === code) return [];
    await tx.run('UPDATE fleet_issues SET error_code = ?, summary = ? WHERE id = ?', [code, summary, faultId]);
    return [faultId];
  }
  const opened = await tx.run(
    "INSERT INTO fleet_issues (id, kind, site, room, device_id, summary, error_code, opened_at, state, meeting) VALUES (?, 'device', ?, ?, NULL, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING",
    [faultId, room.site, room.room, summary, code, event.at, await meeting()],
  );
  if (!opened.changes) return [];
  await logIssue(tx, faultId, 'opened', detail, event.at);
  return [faultId, ...(await clearStorageIssues(tx, room, event.at, faultId))];
};

/**
 * A room's retained state whose storage check says the folder takes writes (`code` null) clears
 * the room's storage issues still open: a room stopped while it held messages lost their
 * `fault.cleared` with them, and started again its check is fine and raises nothing more. A state
 * without a storage check (another publisher, an older room) clears nothing. Returns the issues cleared.
 */
export async function clearStorageFaultsOnState(
  tx: FleetSqlTx,
  room: { site: string; room: string },
  state: Record<string, unknown>,
  at: string,
): Promise<string[]> {
  const storage = state.storage;
  if (!storage || typeof storage !== 'object' || !('code' in storage) || storage.code !== null) return [];
  return clearStorageIssues(tx, room, at);
}

/** Clears the room's storage issues not cleared yet, but `keep`. */
async function clearStorageIssues(tx: FleetSqlTx, room: { site: string; room: string }, at: string, keep?: string): Promise<string[]> {
  const open = await tx.query<{ id: string }>(
    "SELECT id FROM fleet_issues WHERE site = ? AND room = ? AND kind = 'device' AND device_id IS NULL AND id LIKE 'storage-%' AND cleared_at IS NULL ORDER BY id",
    [room.site, room.room],
  );
  const cleared: string[] = [];
  for (const { id } of open) if (id !== keep && (await clearFaultIssue(tx, room, id, at))) cleared.push(id);
  return cleared;
}
