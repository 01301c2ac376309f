import type { RoomKey } from '../../contract/link-records.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { sameAgenda } from './agenda-merge.js';
import { firstClockBase, withoutTimes } from './clock-items.js';
import type { FoldedLink } from './linked-fold.js';
import { localClock } from './local-facts.js';
import type { OwnRecords } from './own-records.js';

interface ClockDeps {
  self: RoomKey;
  ctx: MeetingContext;
  own: OwnRecords;
  fold(link: string): FoldedLink;
}

/**
 * This room's side of the agenda clock of each linked meeting: sends the clock when it changed
 * here (not by applying another room's), and remembers the clock as another room's left it, so
 * that one is not sent back.
 */
export class ClockExchange {
  /** The clock as this room last sent it or took it from another room, per link. */
  private readonly lastClock = new Map<string, string>();

  constructor(private readonly deps: ClockDeps) {}

  /**
   * Sends the clock if it changed here; the first start claims the timer. A clock whose items
   * changed here carries the items as they were before (`itemsBase`: as this room last sent them
   * or took them from another), so an edit made meanwhile in another room on the same items is
   * merged with this one, not lost to it. Before any room sent a clock of the meeting, this
   * room's first carries what its agenda was made on (`firstClockBase`).
   */
  send(link: string, m: Meeting): void {
    // A room that released its booking left the meeting: its clock (ended, to it) is no one else's.
    if (m.status === 'released') return;
    const { ctx, self, own } = this.deps;
    const clock = localClock(ctx, m, self);
    const text = JSON.stringify(clock);
    const before = this.lastClock.get(link);
    this.lastClock.set(link, text);
    if (before === text) return;
    // The first look at a meeting since this room takes part (or started): once a clock of it is on the link, nothing to send.
    const base =
      before !== undefined
        ? withoutTimes((JSON.parse(before) as typeof clock).items)
        : this.deps.fold(link).clock === null
          ? firstClockBase(ctx.agenda.editBase(m.id), clock.items)
          : undefined;
    if (base === undefined) return;
    if (clock.status === 'in_progress' && this.deps.fold(link).host === null) own.publish(link, { kind: 'host.set', host: self, reason: 'started' });
    own.publish(link, { kind: 'agenda.clock', ...clock, ...(before !== undefined && sameAgenda(base, clock.items) ? {} : { itemsBase: base }) });
  }

  /** The clock as it now stands here came from another room: not to be sent back. */
  settled(link: string, m: Meeting): void {
    this.lastClock.set(link, JSON.stringify(localClock(this.deps.ctx, m, this.deps.self)));
  }

  forget(link: string): void {
    this.lastClock.delete(link);
  }
}
