import { configuredPublicUrl } from './config/config-network-checks.js';
import { resolvePublicUrl } from './lan-address.js';
import { LINKED_MIGRATIONS } from './linked/linked-migrations.js';
import type { RoomModule } from './room-module.js';
import { need, type RoomParts } from './room-parts.js';

/**
 * The modules that set the room running once its API listens (stopped first): the media host,
 * the room mute following the devices, the device links, the telemetry link, linked rooms and
 * the meeting rules. A fresh list per room: the media host keeps what it must undo in the closure.
 */
export function roomRunningModules(): RoomModule<RoomParts>[] {
  let disconnectMedia: (() => void) | undefined;
  return [
    {
      // Before the devices: the media pseudo-devices' first connect must find the service running.
      name: 'media-host',
      async start(room) {
        disconnectMedia = room.media?.connect({ devices: need(room, 'devices'), bus: room.events });
        await room.media?.service.start();
      },
      async stop(room) {
        disconnectMedia?.();
        await room.media?.service.stop();
      },
    },
    {
      name: 'room-mute-following',
      start: (room) => need(room, 'roomMute').start(),
      stop: (room) => room.roomMute?.stop(),
    },
    {
      name: 'device-links',
      start: (room) => need(room, 'devices').start(),
      stop: (room) => room.devices?.stop(),
    },
    {
      name: 'telemetry-link',
      start: (room) => need(room, 'telemetry').start(need(room, 'devices').list()),
      stop: (room) => room.telemetry?.stop(),
    },
    {
      // Linked rooms: one meeting held in several rooms, over the room's broker (its records go out through the telemetry outbox).
      // Before the meeting rules: their first run must already ask the link whether this room hosts (a room that comes back
      // after the roll call or the end of a meeting would otherwise take itself for a room on its own and nudge or send again).
      name: 'linked-rooms',
      migrations: LINKED_MIGRATIONS,
      async start(room) {
        // Nothing to link over without a broker: a room without one does not load the link.
        if (!room.config.mqtt) return;
        const { startLinkedRooms } = await import('./linked/linked-wiring.js');
        room.linked = await startLinkedRooms(room.config, {
          db: need(room, 'db'),
          meetings: need(room, 'meetings'),
          devices: need(room, 'devices'),
          sender: need(room, 'telemetry').outbox,
          log: room.log,
          noteStorageFailure: (err) => room.storage?.noteFailure(err),
        });
        need(room, 'core').linked = room.linked?.rooms;
      },
      async stop(room) {
        const core = room.core;
        if (core) core.linked = undefined;
        await room.linked?.stop();
      },
    },
    {
      name: 'meeting-rules',
      start(room) {
        // One public URL for every QR code and e-mail link: api.publicUrl, else where the API listens (a LAN address for 0.0.0.0).
        const address = need(room, 'address');
        const configured = configuredPublicUrl(room.config);
        room.publicUrl = resolvePublicUrl(configured, { host: address.address, port: address.port });
        const meetings = need(room, 'meetings');
        meetings.setBaseUrl(room.publicUrl, configured !== undefined);
        meetings.start();
      },
      stop: (room) => room.meetings?.stop(),
    },
  ];
}
