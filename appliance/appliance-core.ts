import type { StatusView } from './model/room-status.js';
import type { CallService } from './calls/call-service.js';
import type { RoomConfig } from './config/config-schema.js';
import type { DeviceHost } from './devices/device-host.js';
import type { LinkedRooms } from './linked/linked-rooms.js';
import type { MeetingRoom } from './meetings/meeting-room.js';
import type { MediaService } from './media/media-service.js';
import { VERSION } from './paths.js';
import type { RoomMute } from './room/room-mute.js';
import type { PresetStills } from './stills/preset-stills.js';
import type { StorageHealth } from './store/storage-health.js';

/** What the API and telemetry read from: the room's config, its devices, its state. */
export class ApplianceCore {
  constructor(
    readonly config: RoomConfig,
    readonly devices: DeviceHost,
  ) {}

  /** The meeting room (schedule, rules, minutes); the room state comes from it. */
  meetings: MeetingRoom | undefined;

  /** The media pipeline, when the config has a `media:` section. */
  media: MediaService | undefined;

  /** The room's one microphone mute. */
  roomMute: RoomMute | undefined;

  /** What the data folder can still take (full disk, failing writes). */
  storage: StorageHealth | undefined;

  /** The rooms this room's meetings are linked with, when the room has a broker. */
  linked: LinkedRooms | undefined;
  /** The room's online call (`calls:` in the config): join, leave, its state. */
  calls: CallService | undefined;

  /** The stills of camera presets, taken when a preset is saved. */
  stills: PresetStills | undefined;

  /** The calendar feed's health, when the room reads one (a broken feed shows here, not only on the bus). */
  private calendarHealth(): Pick<StatusView, 'calendar'> {
    const health = this.meetings?.calendar.health();
    return health && health.state !== 'off' ? { calendar: health } : {};
  }

  status(): StatusView {
    const { id, name, site, timezone } = this.config.room;
    return {
      room: { id, name, site, timezone },
      roomState: this.meetings?.roomState().state ?? 'idle',
      devices: this.devices.summary(),
      version: VERSION,
      time: new Date().toISOString(),
      ...(this.roomMute ? { mute: this.roomMute.muted } : {}),
      ...(this.storage ? { storage: this.storage.view() } : {}),
      ...this.calendarHealth(),
      ...(this.calls ? { call: this.calls.view() } : {}),
    };
  }
}
