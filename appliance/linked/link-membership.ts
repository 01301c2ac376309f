import type { LinkRecord, RoomKey } from '../../contract/link-records.js';
import type { Logger } from '../logger.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { provesMembership } from './link-key.js';
import { RefusalLog } from './refusal-log.js';

/** Why a room may change a linked meeting here (docs/LINKED-ROOMS.md, "Who is a room of the meeting"). */
type Membership = 'holds the invite' | 'withoutProof';

/**
 * Who may change a linked meeting held here. The broker proves which room sent a record (its
 * topic); this says whether that room is one of the meeting's: it shows the meeting's signature
 * of its name — a room whose calendar holds the invite makes its own; a room an organiser's room
 * invited shows the one its invitation (which only it may read) carried, and can make no other —
 * or this room's config lets it in without proof (`meetings.links.withoutProof`, for rooms of an
 * earlier release while a site upgrades; none by default). A room named by another room's
 * `links.set` is not let in by the naming: it proves it too, so a room of the meeting (or a login
 * stolen from one) cannot bring in a room the organiser did not invite. Any other room's records
 * are dropped, counted and logged — also those of a room whose invitations this room takes
 * (`acceptFrom`): a stolen login of a room of this site joins no meeting it does not hold.
 */
export class LinkMembership {
  private readonly refusals: RefusalLog;

  constructor(
    private readonly deps: {
      log: Logger;
      heardWithoutProof(from: RoomKey): boolean;
      /** What checks the proofs on `link`: made from the invite's key, or given by the invitation that brought the meeting here. */
      verifyKeyOf(link: string, meeting: Pick<Meeting, 'occurrenceKey'>): string;
    },
  ) {
    this.refusals = new RefusalLog(deps.log, 'a room that is not one of a linked meeting sent a record about it: dropped');
  }

  /** Records refused since start because their room is not one of the meeting's. */
  get refused(): number {
    return this.refusals.count;
  }

  /** Why the record's room may change `meeting` here; undefined when it may not, counted and logged (one line a minute). */
  admits(record: LinkRecord, meeting: Pick<Meeting, 'occurrenceKey'>): Membership | undefined {
    if (provesMembership(this.deps.verifyKeyOf(record.link, meeting), record)) return 'holds the invite';
    if (this.deps.heardWithoutProof(record.room)) return 'withoutProof';
    this.refusals.refused({ code: 'ROOMCTL_E_LINK_NOT_MEMBER', link: record.link, from: record.room, kind: record.kind });
    return undefined;
  }
}
