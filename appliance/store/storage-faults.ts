import { randomUUID } from 'node:crypto';
import type { RoomEventBus } from '../model/room-events.js';
import type { StorageHealth } from './storage-health.js';

/**
 * The storage check's failures as one room fault, as facilities hear a device's: while the data
 * folder refuses writes (`ROOMCTL_E_STORAGE`: what people save is not kept) or telemetry's writes
 * (`ROOMCTL_E_STORAGE_TELEMETRY_HELD`: its messages held in memory, lost past its bounds) a
 * `fault.raised` with the code and no device, its id `storage-<uuid>` (the fleet opens a room
 * issue for it); raised again under the same id when the code changes (the issue keeps one id and
 * says the latest), and the `fault.cleared` of that id once the folder takes writes again. The
 * events go out through the telemetry outbox like any other: held in memory while the disk is
 * full, so they reach the broker at once. Returns the unfollow.
 */
export function raiseStorageFaults(storage: StorageHealth, bus: RoomEventBus): () => void {
  let open: { id: string; code: string } | undefined;
  const onChange = () => {
    const { code, detail } = storage.view();
    if (code !== null && code !== open?.code) {
      open = { id: open?.id ?? `storage-${randomUUID()}`, code };
      bus.publish({ type: 'fault.raised', faultId: open.id, code, detail: detail ?? 'The data folder refuses writes' });
    } else if (code === null && open !== undefined) {
      bus.publish({ type: 'fault.cleared', faultId: open.id, detail: 'the data folder takes writes again' });
      open = undefined;
    }
  };
  storage.on('change', onChange);
  return () => storage.off('change', onChange);
}
