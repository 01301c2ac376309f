import { createHash } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { CheckIn } from '../meetings/checkin-repository.js';
import { displayName, personKey, type Person } from '../meetings/meeting-types.js';
import type { SpeakerRef } from './conversation-records.js';

/**
 * Who raises a hand or votes: a person checked in to the meeting, named the way they checked
 * in (email, badge, or the name they typed on the meeting page). The phone page remembers its
 * own check-in and sends it along; the meeting code it holds proves it is in the room, the
 * name only says which of the people checked in it speaks for — the same trust as check-in
 * itself. One vote per checked-in person holds whoever sends it.
 */
export function checkedInPerson(checkIns: readonly CheckIn[], who: Person): CheckIn {
  const key = personKey(who);
  const email = who.email?.toLowerCase();
  const name = who.name?.trim().toLowerCase();
  const found =
    checkIns.find((c) => c.personKey === key) ??
    checkIns.find((c) => (email && c.email?.toLowerCase() === email) || (who.badge && c.badge === who.badge)) ??
    (!email && !who.badge && name ? checkIns.find((c) => c.name?.trim().toLowerCase() === name) : undefined);
  if (!found) throw new RoomctlError('ROOMCTL_E_NOT_CHECKED_IN', `${displayName(who)} is not checked in to this meeting`, { who: displayName(who) });
  return found;
}

/**
 * The opaque key a person is known by in the conversation's records: a hash of the meeting
 * and their check-in key, so records that leave the room carry no email or badge.
 */
export function speakerKey(meetingId: string, personKeyOf: string): string {
  return createHash('sha256').update(`${meetingId}\n${personKeyOf}`).digest('hex').slice(0, 24);
}

export function speakerRef(meetingId: string, c: CheckIn): SpeakerRef {
  return { name: displayName(c), key: speakerKey(meetingId, c.personKey) };
}
