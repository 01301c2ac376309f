import { randomUUID } from 'node:crypto';
import { CHECKIN_SET_ASIDE_CHANNEL, type CheckInSetAsideWire } from '../../contract/checkin-set-aside-wire.js';
import type { LinkChange, RoomKey } from '../../contract/link-records.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { personDigest } from './link-key.js';
import type { FoldedLink } from './linked-fold.js';

/**
 * What this room tells the other rooms of a linked meeting about check-ins it sent them, when its
 * records do not say it yet: that one was set aside here (the booking moved before it began, so the
 * person is nobody at the new start until they check in again), or that it counts again (the booking
 * moved back, or the person checked in afresh). The other rooms stop counting the person as checked
 * in here, or count them again.
 */
export function checkInsSetAside(ctx: MeetingContext, m: Meeting, link: string, self: RoomKey, fold: FoldedLink): { id: string; change: LinkChange }[] {
  const told = fold.rooms.get(self);
  if (!told) return [];
  const changes: { id: string; change: LinkChange }[] = [];
  const tell = (person: string, setAside: boolean) => {
    const id = randomUUID();
    const record: CheckInSetAsideWire = { id, person, setAside };
    changes.push({ id, change: { kind: 'channel', channel: CHECKIN_SET_ASIDE_CHANNEL, record } });
  };
  for (const key of ctx.checkIns.setAsidePeople(m.id)) {
    const person = personDigest(link, key);
    if (told.checkIns.has(person)) tell(person, true);
  }
  for (const c of ctx.checkIns.list(m.id)) {
    const person = personDigest(link, c.personKey);
    if (told.setAside.has(person)) tell(person, false);
  }
  return changes;
}
