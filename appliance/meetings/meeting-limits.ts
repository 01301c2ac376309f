import { RoomctlError } from '../../drivers/core/errors.js';

/**
 * What one meeting may hold of what its callers add. The meeting's code is on the phone page
 * anyone in the room can scan, so without these a script with the code could fill the disk
 * with notes, or check in thousands of walk-ins whose addresses then each get the minutes
 * (the room would mail whatever the script wrote to whoever it named). Each is far beyond
 * what a meeting of people writes, and the minutes are assembled again after every change,
 * so the bound also keeps each change cheap.
 */
export const MEETING_LIMITS = {
  /** People checked in who were not invited (the invited are bounded by the booking: 200). */
  walkIns: 200,
  /** Notes and decisions together. */
  entries: 500,
  actionItems: 200,
  polls: 50,
  /** Hands raised in all (a hand raised and lowered again is still one). */
  hands: 500,
} as const;

type Limited = keyof typeof MEETING_LIMITS;

const WHAT: Record<Limited, string> = {
  walkIns: 'walk-ins',
  entries: 'notes and decisions',
  actionItems: 'action items',
  polls: 'polls',
  hands: 'raised hands',
};

/** Throws ROOMCTL_E_MEETING_LIMIT when the meeting already holds its bound of `what`. */
export function assertMeetingHolds(meetingId: string, what: Limited, count: number): void {
  const limit = MEETING_LIMITS[what];
  if (count < limit) return;
  throw new RoomctlError('ROOMCTL_E_MEETING_LIMIT', `Meeting ${meetingId} holds ${limit} ${WHAT[what]} already, as many as a meeting may`, {
    limit,
    what,
  });
}
