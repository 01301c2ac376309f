import type { RoomConfig } from '../config/config-schema.js';
import type { DeviceHost } from '../devices/device-host.js';
import type { RoomEventBus } from '../model/room-events.js';
import type { Logger } from '../logger.js';
import { SystemClock, type Clock } from '../model/clock.js';
import type { Db } from '../store/database.js';
import type { CommandSpec } from '../telemetry/command-registry.js';
import type { MeetingContext, RoomIdentity } from './meeting-context.js';
import type { RoomLocale } from '../room/room-language.js';
import { MeetingRoom } from './meeting-room.js';
import { selfTestJob } from './selftest-job.js';

/** The appliance's meeting room, from the room config (the meetings module in modules.ts calls this). */
export function createMeetingRoom(
  config: RoomConfig,
  deps: {
    db: Db;
    devices: DeviceHost;
    bus: RoomEventBus;
    log: Logger;
    clock?: Clock;
    /** How often the meeting rules run (ms); default 5 s. */
    tickMs?: number;
    callCheck?: MeetingContext['callCheck'];
    language?: { readonly locale: RoomLocale };
  },
): MeetingRoom {
  const { id, name, site, timezone, locale } = config.room;
  const language = deps.language;
  // Read when a message is worded, not now: the admin may change the room's language while it runs.
  const room: RoomIdentity = language
    ? {
        id,
        name,
        site,
        timezone,
        get locale() {
          return language.locale;
        },
      }
    : { id, name, site, timezone, ...(locale ? { locale } : {}) };
  return new MeetingRoom({
    db: deps.db,
    room,
    meetings: config.meetings,
    calendar: config.calendar,
    notifications: config.notifications,
    ...(config.calls?.displayInput ? { callDisplayInput: config.calls.displayInput } : {}),
    linkPolicy: { allowDomains: config.calls?.allowDomains ?? [], jitsiDomains: config.calls?.jitsiDomains ?? [] },
    devices: deps.devices,
    bus: deps.bus,
    ...(deps.callCheck ? { callCheck: deps.callCheck } : {}),
    clock: deps.clock ?? new SystemClock(),
    ...(deps.tickMs ? { tickMs: deps.tickMs } : {}),
    log: deps.log.child({ component: 'meetings' }),
  });
}

/** Central commands the meeting room answers on MQTT cmd/<name>. */
export function meetingCommands(room: MeetingRoom): CommandSpec[] {
  return [
    {
      name: 'refresh-calendar',
      handler: async () => (await room.calendar.refresh()) ?? { ok: false, state: room.calendar.state() },
      description: 'Read the calendar feed now',
    },
    { name: 'self-test', handler: async () => selfTestJob(room.ctx, room.roomState().current), description: 'Run the equipment self-test now' },
  ];
}
