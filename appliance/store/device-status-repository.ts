import type { DeviceStatus } from '../../drivers/core/definition.js';
import type { Db } from './database.js';

interface DeviceStatusRecord {
  deviceId: string;
  status: DeviceStatus;
  detail: string | null;
  at: string;
}

/** The history of every device's status changes: what facilities reads after a fault. */
export class DeviceStatusRepository {
  private readonly insert;
  private readonly recent;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO device_status_log (device_id, status, detail, at) VALUES (?, ?, ?, ?)');
    this.recent = db.prepare('SELECT device_id AS deviceId, status, detail, at FROM device_status_log WHERE device_id = ? ORDER BY id DESC LIMIT ?');
  }

  record(entry: DeviceStatusRecord): void {
    this.insert.run(entry.deviceId, entry.status, entry.detail, entry.at);
  }

  history(deviceId: string, limit = 50): DeviceStatusRecord[] {
    return this.recent.all(deviceId, limit) as DeviceStatusRecord[];
  }
}
