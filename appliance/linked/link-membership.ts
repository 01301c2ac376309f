import type { LinkRecord, RoomKey } from '../../contract/link-records.js';
import type { Logger } from '../logger.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { provesMembership } from './link-key.js';
import type { FoldedLink } from './linked-fold.js';
import { RefusalLog } from './refusal-log.js';

/** Rooms remembered per link whose records were refused, so naming one later asks for its records again. */
const REFUSED_ROOMS_KEPT = 100;

/** Why a room may change a linked meeting here (docs/LINKED-ROOMS.md, "Topics and trust"). */
type Membership = 'holds the invite' | 'named by a room of the meeting' | 'withoutProof';

/**
 * Who may change a linked meeting held here. The broker proves which room sent a record (its
 * topic); this says whether that room is one of the meeting's: it shows the proof that it holds
 * the invite (only a room whose calendar holds it, or that an organiser's room invited, can make
 * it), or a room of the meeting named it (`links.set`: an organiser linking rooms, also of an
 * earlier release), or this room's config lets it in without proof (`meetings.links.withoutProof`,
 * for rooms of an earlier release while a site upgrades; none by default). Any other room's
 * records are dropped, counted and logged — also those of a room whose invitations this room
 * takes (`acceptFrom`): a stolen login of a room of this site joins no meeting it does not hold.
 */
export class LinkMembership {
  private readonly refusals: RefusalLog;
  private readonly refusedRooms = new Map<string, Set<RoomKey>>();

  constructor(private readonly deps: { log: Logger; heardWithoutProof(from: RoomKey): boolean }) {
    this.refusals = new RefusalLog(deps.log, 'a room that is not one of a linked meeting sent a record about it: dropped');
  }

  /** Records refused since start because their room is not one of the meeting's. */
  get refused(): number {
    return this.refusals.count;
  }

  /** Why the record's room may change `meeting` here; undefined when it may not, counted and logged (one line a minute). */
  admits(record: LinkRecord, meeting: Pick<Meeting, 'occurrenceKey'>, fold: () => Pick<FoldedLink, 'named'>): Membership | undefined {
    const membership = membershipOf(record, meeting, fold, this.deps.heardWithoutProof);
    if (membership) return membership;
    let rooms = this.refusedRooms.get(record.link);
    if (!rooms) {
      if (this.refusedRooms.size >= REFUSED_ROOMS_KEPT) this.refusedRooms.clear();
      this.refusedRooms.set(record.link, (rooms = new Set()));
    }
    if (rooms.size < REFUSED_ROOMS_KEPT) rooms.add(record.room);
    this.refusals.refused({ code: 'ROOMCTL_E_LINK_NOT_MEMBER', link: record.link, from: record.room, kind: record.kind });
    return undefined;
  }

  /**
   * A room of the meeting named `rooms` (a `links.set`): whether one of them was refused here
   * before, whose records this room has missed and should ask for again (by joining again).
   */
  namedAfterRefusal(link: string, rooms: readonly RoomKey[]): boolean {
    const refused = this.refusedRooms.get(link);
    if (!refused || !rooms.some((r) => refused.has(r))) return false;
    for (const r of rooms) refused.delete(r);
    return true;
  }
}

function membershipOf(
  record: LinkRecord,
  meeting: Pick<Meeting, 'occurrenceKey'>,
  fold: () => Pick<FoldedLink, 'named'>,
  heardWithoutProof: (from: RoomKey) => boolean,
): Membership | undefined {
  if (provesMembership(meeting.occurrenceKey, record)) return 'holds the invite';
  if (heardWithoutProof(record.room)) return 'withoutProof';
  // Last: the fold may have to be made again from the store (after a record out of order).
  if (fold().named.has(record.room)) return 'named by a room of the meeting';
  return undefined;
}
