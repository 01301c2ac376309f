import type { Logger } from '../logger.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import { end, start } from '../meetings/meeting-lifecycle.js';
import type { Meeting } from '../meetings/meeting-types.js';
import type { LinkRecord } from '../../contract/link-records.js';
import type { LinkStore } from './link-store.js';
import { itemsKey, type FoldedLink } from './linked-fold.js';
import { agendaSays, draftsFromClock, positionsHere } from './clock-items.js';
import { localItemsKey } from './local-facts.js';

/** A module whose records replicate across linked rooms as they are (the floor and polls). */
export interface Channel {
  /** A record from another room, its `meetingId` already this room's; applied once by its own id. */
  apply(record: unknown): void;
}

interface RemoteDeps {
  /** This room. */
  self: string;
  ctx: MeetingContext;
  store: LinkStore;
  channels: ReadonlyMap<string, Channel>;
  log: Logger;
  fold(link: string): FoldedLink;
  /** The clock as it now stands here came from another room: not to be sent back. */
  settled(link: string, m: Meeting): void;
}

/** What another room's record does here (stored once, in the same commit). */
export function applyRemote(deps: RemoteDeps, meeting: Meeting, record: LinkRecord): void {
  const { store } = deps;
  switch (record.kind) {
    case 'room.joined':
    case 'room.health':
    case 'checkin':
    case 'links.set':
    case 'host.set':
      return; // state only: the fold reads them
    case 'minutes.entry':
      store.addEntry(meeting.id, { id: record.entryId, kind: record.entryKind, text: record.text, author: record.author, at: record.at });
      return;
    case 'minutes.action':
      store.addAction(meeting.id, {
        id: record.actionId,
        text: record.text,
        owner: record.owner,
        ownerEmail: record.ownerEmail,
        deadline: record.deadline,
        at: record.at,
      });
      return;
    case 'agenda.clock': {
      // The latest clock by (at, id) gives the status and times, the edits folded the items (an older edit arriving late is merged in too).
      const fold = deps.fold(record.link);
      if (fold.clock) followClock(deps, meeting, fold.clock, { items: fold.items ?? fold.clock.items, ...itemsKey(fold.itemsClock ?? fold.clock) });
      return;
    }
    case 'channel': {
      const channel = deps.channels.get(record.channel);
      if (!channel) return;
      const inner = record.record as Record<string, unknown>;
      channel.apply('meetingId' in inner ? { ...inner, meetingId: meeting.id } : inner);
      return;
    }
  }
}

type ClockRecord = Extract<LinkRecord, { kind: 'agenda.clock' }>;

/**
 * Shows the linked meeting's agenda clock here: the meeting starts or ends with the latest
 * clock, the items are the edits folded (`FoldedLink.items`: the latest edit, merged with any
 * made meanwhile on the same items in another room — unless this room's own are later still)
 * with the times the latest clock has, so the current item and the time left are the same in
 * every room (each computes time left from the same start on its own clock). An edit here and a
 * "next" in another room that cross keep both: the edit's items (with their speakers), the
 * clock's times — each on the item it was recorded for, matched by its id, not by its place (an
 * item put at the top does not take the times of the one it pushed down).
 */
function followClock(deps: RemoteDeps, meeting: Meeting, clock: ClockRecord, folded: { items: ClockRecord['items']; at: string; by: string }): void {
  const { ctx, store } = deps;
  if (clock.status !== 'booked' && meeting.status === 'booked') {
    try {
      start(ctx, meeting.id);
    } catch (err) {
      deps.log.warn({ meeting: meeting.id, err: (err as Error).message }, 'the linked meeting started elsewhere but cannot start here');
    }
  }
  // One transaction for the whole agenda: one commit, and no panel ever reads half a clock.
  const setTimes = ctx.db.transaction(() => {
    const drafts = draftsFromClock(folded.items, ctx.agenda.list(meeting.id));
    const theirs = { at: folded.at, by: folded.by };
    const ours = localItemsKey(ctx, meeting.id, deps.self);
    // Ours the same edit as theirs: the fold holds it, merged with what crossed it.
    const oursLater = ours.at > theirs.at || (ours.at === theirs.at && ours.by > theirs.by);
    if (!oursLater && !agendaSays(ctx.agenda.list(meeting.id), drafts)) ctx.agenda.replace(meeting.id, drafts, theirs);
    // The times go to the items they were recorded for, wherever those stand here now.
    const positions = positionsHere(clock.items, ctx.agenda.list(meeting.id));
    clock.items.forEach((i, n) => {
      const position = positions[n];
      if (position !== null && position !== undefined) store.setItemTimes(meeting.id, position, i.startedAt, i.endedAt);
    });
  });
  setTimes();
  if (clock.status === 'ended' && ctx.meetings.get(meeting.id)?.status === 'in_progress') {
    try {
      end(ctx, meeting.id);
      setTimes();
    } catch (err) {
      deps.log.warn({ meeting: meeting.id, err: (err as Error).message }, 'the linked meeting ended elsewhere but cannot end here');
    }
  }
  deps.settled(clock.link, ctx.meetings.get(meeting.id)!);
}
