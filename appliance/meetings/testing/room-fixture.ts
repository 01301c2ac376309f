import { DRIVERS } from '../../../drivers/registry.js';
import type { DeviceConfig } from '../../config/config-schema.js';
import { DeviceHost } from '../../devices/device-host.js';
import { RoomEventBus, type RoomEvent, type RoomEventEnvelope } from '../../model/room-events.js';
import { createLogger } from '../../logger.js';
import type { NotificationsConfig } from '../../notify/notify-config.js';
import type { CalendarConfig } from '../../schedule/calendar-config.js';
import { ManualClock } from '../../model/manual-clock.js';
import type { MeetingsConfig } from '../meeting-config.js';
import { MeetingRoom, type MeetingRoomOptions } from '../meeting-room.js';
import type { MeetingStreamMessage } from '../meeting-views.js';
import { tempDb } from './temp-db.js';

export interface RoomFixture {
  room: MeetingRoom;
  clock: ManualClock;
  devices: DeviceHost;
  events: RoomEventEnvelope[];
  messages: MeetingStreamMessage[];
  eventsOf<T extends RoomEvent['type']>(type: T): Extract<RoomEvent, { type: T }>[];
  /** Moves the clock and waits for the background work it started (self-tests, scenes). */
  advance(ms: number): Promise<void>;
  advanceTo(iso: string): Promise<void>;
  close(): Promise<void>;
}

export interface RoomFixtureOptions {
  start: string;
  meetings?: MeetingsConfig;
  notifications?: NotificationsConfig;
  calendar?: CalendarConfig;
  devices?: DeviceConfig[];
  timezone?: string;
  /** The room's language (`room.locale`). */
  locale?: 'en' | 'zh-CN';
  /** Rule tick (default 5 s); multi-day tests use a coarser one. */
  tickMs?: number;
  notifyPollMs?: number;
  /** The online-call check before a meeting (calls/call-wiring.ts callCheckFor). */
  callCheck?: MeetingRoomOptions['callCheck'];
  callDisplayInput?: string;
}

/**
 * A meeting room over a real SQLite file, a real DeviceHost (with the given devices, often
 * none) and a ManualClock: the rules run exactly as in the appliance, minutes at a time.
 */
export function roomFixture(options: RoomFixtureOptions): RoomFixture {
  const store = tempDb();
  const clock = new ManualClock(options.start);
  const log = createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
  const devices = new DeviceHost({ drivers: DRIVERS, devices: options.devices ?? [], log, probeIntervalMs: 1000 });
  devices.start();
  const bus = new RoomEventBus(() => clock.now());
  const events: RoomEventEnvelope[] = [];
  bus.on('event', (e: RoomEventEnvelope) => events.push(e));
  const room = new MeetingRoom({
    db: store.db,
    room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: options.timezone ?? 'Europe/Berlin', ...(options.locale ? { locale: options.locale } : {}) },
    // Unit tests of the rules expect the minutes out at the end unless they test the review time.
    meetings: { minutesReviewMinutes: 0, ...options.meetings },
    notifications: options.notifications,
    calendar: options.calendar,
    devices,
    bus,
    clock,
    log,
    ...(options.callCheck ? { callCheck: options.callCheck } : {}),
    ...(options.callDisplayInput ? { callDisplayInput: options.callDisplayInput } : {}),
    tickMs: options.tickMs ?? 5000,
    notifyPollMs: options.notifyPollMs ?? 5000,
  });
  const messages: MeetingStreamMessage[] = [];
  room.on('change', (m: MeetingStreamMessage) => messages.push(m));
  room.setBaseUrl('http://room.example:8080');
  room.start();
  return {
    room,
    clock,
    devices,
    events,
    messages,
    eventsOf: <T extends RoomEvent['type']>(type: T) => events.map((e) => e.event).filter((e): e is Extract<RoomEvent, { type: T }> => e.type === type),
    async advance(ms) {
      await clock.advance(ms);
      await room.settle();
    },
    async advanceTo(iso) {
      await clock.advanceTo(iso);
      await room.settle();
    },
    async close() {
      await room.stop();
      await devices.stop();
      store.close();
    },
  };
}
