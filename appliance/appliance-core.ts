import type { StatusView } from './api/api-types.js';
import type { RoomConfig } from './config/config-schema.js';
import type { DeviceHost } from './devices/device-host.js';
import { VERSION } from './paths.js';


/** What the API and telemetry read from: the room's config, its devices, its state. */
export class ApplianceCore {
  constructor(
    readonly config: RoomConfig,
    readonly devices: DeviceHost,
  ) {}

  status(): StatusView {
    const { id, name, site, timezone } = this.config.room;
    return { room: { id, name, site, timezone }, roomState: 'idle', devices: this.devices.summary(), version: VERSION, time: new Date().toISOString() };
  }
}
