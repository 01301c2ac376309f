import { startAppliance, type Appliance, type StartOptions } from '../appliance/app.js';
import type { RoomConfig } from '../appliance/config/config-schema.js';

export interface ReloadableRoom {
  /** The appliance running now (a new object after each reload). */
  readonly current: Appliance;
  /** Re-reads and validates the config, then restarts the room with it; throws (and keeps the running room) if it is invalid. */
  reload(): Promise<{ reloaded: true; room: string; devices: number }>;
  close(): Promise<void>;
}

/**
 * A room that can take a new config without the process restarting: the central
 * `reload-config` command (MQTT `cmd/reload-config`) lands here. The new file is validated
 * before anything stops, so a bad edit answers with the coded errors and the room keeps
 * running on the old config. The answer goes out before the restart (it rides on the old
 * MQTT connection); the restart follows on the next turn.
 */
export async function startReloadableRoom(config: RoomConfig, options: StartOptions & { load: () => Promise<RoomConfig> }): Promise<ReloadableRoom> {
  let current = await startAppliance(config, options);
  let restarting: Promise<void> = Promise.resolve();
  const room: ReloadableRoom = {
    get current() {
      return current;
    },
    async reload() {
      const next = await options.load();
      restarting = restarting.then(
        () =>
          new Promise<void>((resolve) => {
            setTimeout(() => {
              void (async () => {
                await current.close();
                current = await startAppliance(next, options);
                register(current);
                options.log.info({ room: next.room.id, devices: next.devices.length }, 'config reloaded');
              })()
                .catch((err: unknown) => options.log.error({ err: (err as Error).message }, 'the room did not restart with the new config'))
                .finally(resolve);
            }, 200);
          }),
      );
      return { reloaded: true, room: next.room.id, devices: next.devices.length };
    },
    async close() {
      await restarting;
      await current.close();
    },
  };
  const register = (appliance: Appliance) =>
    appliance.commands.register('reload-config', () => room.reload(), 'Re-read the config file and restart the room with it');
  register(current);
  return room;
}
