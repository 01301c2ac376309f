import { RoomctlError } from '../../drivers/core/errors.js';
import type { MeetingContext } from './meeting-context.js';
import { checkIn } from './meeting-lifecycle.js';
import type { RoomStateView } from './room-state.js';

/** What this file's functions use of the meeting context. */
type CheckInContext = Pick<
  MeetingContext,
  'agenda' | 'bus' | 'changed' | 'checkIns' | 'clock' | 'db' | 'devices' | 'log' | 'meetings' | 'rules' | 'startScene' | 'track'
>;

/**
 * A badge read by the room's reader: checks its holder in to the meeting whose window is open
 * (or that is running). The HID badge reader calls this; so does POST /api/v1/checkins.
 */
export function badgeCheckIn(ctx: CheckInContext, state: RoomStateView, badge: string) {
  const current = state.current;
  if (!current) throw new RoomctlError('ROOMCTL_E_CHECKIN_CLOSED', 'No meeting is open for check-in in this room now', { badge });
  return checkIn(ctx, current.id, { badge }, 'badge');
}
