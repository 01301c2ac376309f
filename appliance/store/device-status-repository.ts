import type { DeviceStatus } from '../../drivers/core/definition.js';
import type { Db } from './database.js';

interface DeviceStatusRecord {
  deviceId: string;
  status: DeviceStatus;
  detail: string | null;
  at: string;
}

/**
 * Status changes kept per device. A device that flaps (a projector whose one control
 * connection someone else keeps taking, a cable going in and out) changes status every few
 * seconds for as long as it lasts; the newest changes are what facilities reads after a
 * fault, and the MQTT events are the long record.
 */
export const STATUS_CHANGES_KEPT = 1_000;

/** The history of every device's status changes: what facilities reads after a fault. */
export class DeviceStatusRepository {
  private readonly insert;
  private readonly recent;
  private readonly forgetOlder;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO device_status_log (device_id, status, detail, at) VALUES (?, ?, ?, ?)');
    this.recent = db.prepare('SELECT device_id AS deviceId, status, detail, at FROM device_status_log WHERE device_id = ? ORDER BY id DESC LIMIT ?');
    // On the (device_id, id) index: the id of the device's oldest change kept, then everything of the device before it.
    this.forgetOlder = db.prepare(
      `DELETE FROM device_status_log WHERE device_id = ? AND id < (
         SELECT id FROM device_status_log WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ${STATUS_CHANGES_KEPT - 1})`,
    );
  }

  record(entry: DeviceStatusRecord): void {
    this.insert.run(entry.deviceId, entry.status, entry.detail, entry.at);
    this.forgetOlder.run(entry.deviceId, entry.deviceId);
  }

  history(deviceId: string, limit = 50): DeviceStatusRecord[] {
    return this.recent.all(deviceId, limit) as DeviceStatusRecord[];
  }
}
