import type { RoomState } from '../model/room-status.js';
import type { Meeting } from './meeting-types.js';

export type { RoomState };

export interface RoomStateView {
  state: RoomState;
  /** The meeting in progress, or the booking whose check-in window is open. */
  current: Meeting | null;
  /** The next booking after `current` (or after now). */
  next: Meeting | null;
}

/**
 * The room state machine, as a function of the bookings and the time:
 * - in_meeting: a meeting has started and not ended
 * - booked: a booking's check-in window is open (from `checkInOpensMinutes` before the
 *   start until it starts, is released, or its end passes)
 * - idle: otherwise
 */
export function roomStateAt(meetings: readonly Meeting[], now: Date, checkInOpensMinutes: number): RoomStateView {
  const t = now.getTime();
  const live = meetings.filter((m) => m.status === 'booked' || m.status === 'in_progress').sort((a, b) => a.start.localeCompare(b.start));
  const running = live.find((m) => m.status === 'in_progress');
  const open = live.find((m) => m.status === 'booked' && Date.parse(m.start) - checkInOpensMinutes * 60_000 <= t && t < Date.parse(m.end));
  const current = running ?? open ?? null;
  const next = live.find((m) => m !== current && m.status === 'booked' && Date.parse(m.start) > (current ? Date.parse(current.start) : t)) ?? null;
  return { state: running ? 'in_meeting' : open ? 'booked' : 'idle', current, next };
}
