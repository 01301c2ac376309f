/** The room as a whole: its one-word state and the status view built from it. */
import type { CallStatus } from './call-status.js';
import type { DeviceStatus } from './device-view.js';

/** What the room is doing now, in one word (the door panel's colour). */
export type RoomState = 'idle' | 'booked' | 'in_meeting';

export interface RoomView {
  id: string;
  name: string;
  site: string;
  timezone: string;
}

/**
 * How the room's calendar is doing, for `/status`, the stream and the admin view:
 * `ok`, `failing` (the last read failed: the last good schedule stays), `holding` (the feed
 * came back empty: the last good schedule stays until it is empty again), `off` (no feed).
 */
export interface CalendarHealth {
  state: 'ok' | 'failing' | 'holding' | 'off';
  detail: string | null;
  since: string | null;
  goodAt: string | null;
  /** Properties, events or occurrences of the last good read that were left out (listed in GET /api/v1/calendar). */
  skipped: number;
}

export interface StatusView {
  room: RoomView;
  roomState: RoomState;
  devices: Record<DeviceStatus, number> & { total: number };
  version: string;
  /** Appliance time, ISO */
  time: string;
  /** The room's one microphone mute (GET /api/v1/room/mute has each device's agreement). */
  mute?: boolean;
  /**
   * What the data folder can still take: `full` means some things are not being saved (detail says
   * what; code ROOMCTL_E_STORAGE, or ROOMCTL_E_STORAGE_TELEMETRY_HELD while telemetry is held in memory).
   */
  storage?: {
    state: 'ok' | 'low' | 'full';
    freeBytes: number | null;
    detail: string | null;
    code: 'ROOMCTL_E_STORAGE' | 'ROOMCTL_E_STORAGE_TELEMETRY_HELD' | null;
    since: string;
  };
  /** The calendar feed, when the room reads one: `failing` and `holding` keep the last good schedule (detail says why). */
  calendar?: CalendarHealth;
  /** The room's online call, when the room joins calls (`calls:` in the config). */
  call?: CallStatus;
}
