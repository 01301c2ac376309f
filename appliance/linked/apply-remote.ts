import type { Logger } from '../logger.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import { end, start } from '../meetings/meeting-lifecycle.js';
import type { Meeting } from '../meetings/meeting-types.js';
import type { LinkRecord } from '../../contract/link-records.js';
import type { LinkStore } from './link-store.js';
import type { FoldedLink } from './linked-fold.js';

/** A module whose records replicate across linked rooms as they are (the floor and polls). */
export interface Channel {
  /** A record from another room, its `meetingId` already this room's; applied once by its own id. */
  apply(record: unknown): void;
}

interface RemoteDeps {
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
    case 'agenda.clock':
      // The latest clock by (at, id) is the one every room shows; an older one that arrives late changes nothing.
      if (deps.fold(record.link).clock?.id === record.id) followClock(deps, meeting, record);
      return;
    case 'channel': {
      const channel = deps.channels.get(record.channel);
      if (!channel) return;
      const inner = record.record as Record<string, unknown>;
      channel.apply('meetingId' in inner ? { ...inner, meetingId: meeting.id } : inner);
      return;
    }
  }
}

/**
 * Shows the other room's agenda clock here: the meeting starts or ends with it, the items are
 * its items with the times they ran there, so the current item and the time left are the same
 * in every room (each computes time left from the same start on its own clock).
 */
function followClock(deps: RemoteDeps, meeting: Meeting, clock: Extract<LinkRecord, { kind: 'agenda.clock' }>): void {
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
    const local = ctx.agenda.list(meeting.id);
    const same =
      local.length === clock.items.length &&
      local.every(
        (i, n) => i.title === clock.items[n]!.title && i.minutes === clock.items[n]!.minutes && (i.owner ?? null) === (clock.items[n]!.owner ?? null),
      );
    if (!same)
      ctx.agenda.replace(
        meeting.id,
        clock.items.map((i) => ({ title: i.title, minutes: i.minutes, ...(i.owner ? { owner: i.owner } : {}) })),
      );
    clock.items.forEach((i, n) => store.setItemTimes(meeting.id, n + 1, i.startedAt, i.endedAt));
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
