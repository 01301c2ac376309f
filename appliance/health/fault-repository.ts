import type { Db } from '../store/database.js';
import { groupCommitFor, type GroupCommit } from '../telemetry/group-commit.js';

export interface OpenFault {
  deviceId: string;
  faultId: string;
  raisedAt: string;
  detail: string;
}

/**
 * The faults open right now, one per device at most. Kept in the store so that after a
 * restart the `fault.cleared` event still names the `faultId` of its `fault.raised`. Writes
 * are group-committed with the outbox rows of the same turn, so a fault and its event are
 * on disk together or not at all.
 */
export class FaultRepository {
  private readonly insert;
  private readonly remove;
  private readonly all;
  private readonly group: GroupCommit;

  constructor(db: Db) {
    this.group = groupCommitFor(db);
    this.insert = db.prepare('INSERT OR REPLACE INTO device_faults (device_id, fault_id, raised_at, detail) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare('DELETE FROM device_faults WHERE device_id = ?');
    this.all = db.prepare('SELECT device_id AS deviceId, fault_id AS faultId, raised_at AS raisedAt, detail FROM device_faults');
  }

  open(fault: OpenFault): void {
    this.group.defer(() => this.insert.run(fault.deviceId, fault.faultId, fault.raisedAt, fault.detail));
  }

  close(deviceId: string): void {
    this.group.defer(() => this.remove.run(deviceId));
  }

  /** Commits pending writes now (before the database closes). */
  flush(): void {
    this.group.flush();
  }

  list(): OpenFault[] {
    this.group.flush();
    return this.all.all() as OpenFault[];
  }
}
