import type { Db } from '../store/database.js';
import type { RoomKey } from '../../contract/link-records.js';
import { assertMeetingHolds } from '../meetings/meeting-limits.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { linkKeyOf } from './link-key.js';

/** The records of this room that each kind of organiser's change adds to a linked meeting. */
const COUNTED = {
  links: "kind = 'links.set'",
  handOvers: "kind = 'host.set' AND json_extract(record, '$.reason') = 'handover'",
} as const;

/**
 * Throws ROOMCTL_E_MEETING_LIMIT (409) when this room already made the meeting's bound of
 * `change` (MEETING_LIMITS.links, .handOvers). Each link or hand-over is a record that this room
 * and every linked room keep until retention, and a link sends invitations: without a bound a
 * caller with the room's credential could grow them in a loop. Counted from the records
 * themselves, so a restart does not reset the count; what was granted before stays.
 */
export function assertOrganiserChangeFits(db: Db, meeting: Pick<Meeting, 'id' | 'occurrenceKey'>, self: RoomKey, change: keyof typeof COUNTED): void {
  const made = db
    .prepare(`SELECT COUNT(*) FROM linked_records WHERE link = ? AND room = ? AND ${COUNTED[change]}`)
    .pluck()
    .get(linkKeyOf(meeting.occurrenceKey), self) as number;
  assertMeetingHolds(meeting.id, change, made);
}
