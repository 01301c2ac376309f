import type { RoomKey } from '../../contract/link-records.js';
import type { Logger } from '../logger.js';
import type { LinkedDuty } from '../meetings/linked-port.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { ActiveLinks } from './active-links.js';
import type { HearingTheOthers } from './hearing-the-others.js';
import { linkKeyOf } from './link-key.js';
import type { FoldedLink } from './linked-fold.js';
import type { LinkedMeetingViews } from './linked-meeting-views.js';
import type { OwnRecords } from './own-records.js';
import type { RoomPresence } from './room-presence.js';

interface LinkedDutiesDeps {
  self: RoomKey;
  ctx: MeetingContext;
  log: Logger;
  hearing: HearingTheOthers;
  presence: RoomPresence;
  views: LinkedMeetingViews;
  active: ActiveLinks;
  own: OwnRecords;
  fold(link: string): FoldedLink;
  /** Whether the link's connection to the broker is up (logged with each decision). */
  onBroker(): boolean;
}

/**
 * Which room does what only one room of a linked meeting does (the roll call, the minutes):
 * none until this room has heard the others, then the host, unless a room already did it.
 */
export class LinkedDuties {
  /** The last answer of `dutyBy` per link and duty, to log each change once. */
  private readonly decided = new Map<string, string>();

  constructor(private readonly deps: LinkedDutiesDeps) {}

  dutyBy(meetingId: string, duty: LinkedDuty): 'here' | 'done' | 'another-room' | 'wait' {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) return 'wait';
    const link = linkKeyOf(m.occurrenceKey);
    const fold = this.deps.fold(link);
    const by = !this.heardTheOthers(link) ? 'wait' : fold.done.has(duty) ? 'done' : this.deps.views.followsAnotherRoom(meetingId) ? 'another-room' : 'here';
    // What the decision rests on, each time it changes (a diagnosis of a duty done twice, or never, starts here).
    if (this.decided.get(`${link} ${duty}`) !== by) {
      this.decided.set(`${link} ${duty}`, by);
      this.deps.log.debug(
        {
          duty,
          link,
          by,
          ...this.deps.hearing.facts(link),
          onBroker: this.deps.onBroker(),
          host: this.deps.presence.hostOf(fold),
          doneBy: fold.done.get(duty),
        },
        'linked duty',
      );
    }
    return by;
  }

  /** This room did the duty: the others hear it is done. */
  dutyTaken(meetingId: string, duty: LinkedDuty): void {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (m) this.deps.own.publish(linkKeyOf(m.occurrenceKey), { kind: 'channel', channel: duty, record: {} });
  }

  /** Heard the others since this room joined the link (HearingTheOthers), or nothing more to hear. */
  private heardTheOthers(link: string): boolean {
    // A meeting this room no longer takes part in (ended over an hour ago; minutes held that long): no room re-sends
    // anything of it any more, so what the store holds is all there is to hear.
    const fold = this.deps.fold(link);
    const online = [...fold.rooms.keys()].filter((r) => r !== this.deps.self && fold.rooms.get(r)!.heard && this.deps.presence.isOnline(r));
    return this.deps.hearing.heardTheOthers(link, online) || !this.deps.active.list().some((a) => a.link === link);
  }
}
