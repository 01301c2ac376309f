import { randomUUID } from 'node:crypto';
import type { RoomEventBus } from '../model/room-events.js';
import { TELEMETRY_HELD, type StorageHealth } from './storage-health.js';

/**
 * The storage check's telemetry failure as a room fault, as facilities hear a device's: while
 * telemetry's writes are refused (its messages held in memory, lost past its bounds) a
 * `fault.raised` with the code and no device, its id `storage-<uuid>` (the fleet opens a room
 * issue for it), and the `fault.cleared` of the same id once telemetry writes to disk again.
 * The events go out through the telemetry outbox like any other: held in memory while the disk
 * is full, so they reach the broker at once. Returns the unfollow.
 */
export function raiseStorageFaults(storage: StorageHealth, bus: RoomEventBus): () => void {
  let open: string | undefined;
  const onChange = () => {
    const view = storage.view();
    if (view.code === TELEMETRY_HELD && open === undefined) {
      open = `storage-${randomUUID()}`;
      bus.publish({ type: 'fault.raised', faultId: open, code: TELEMETRY_HELD, detail: view.detail ?? 'Telemetry is held in memory' });
    } else if (view.code !== TELEMETRY_HELD && open !== undefined) {
      bus.publish({ type: 'fault.cleared', faultId: open, detail: 'telemetry writes to the data folder again' });
      open = undefined;
    }
  };
  storage.on('change', onChange);
  return () => storage.off('change', onChange);
}
