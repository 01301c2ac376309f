import { RoomctlError } from '../../drivers/core/errors.js';
import type { LinkRecord, RoomKey } from '../../contract/link-records.js';
import type { Logger } from '../logger.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { ActiveLinks } from './active-links.js';
import { applyRemote, type Channel } from './apply-remote.js';
import type { ClockExchange } from './clock-exchange.js';
import type { HearingTheOthers } from './hearing-the-others.js';
import type { LinkFolds } from './link-folds.js';
import { byTime, claimTaken, foldLink, handOverTaken } from './linked-fold.js';
import type { LinkMembership } from './link-membership.js';
import type { LinkStore } from './link-store.js';
import type { OwnRecords } from './own-records.js';
import { RefusalLogs } from './refusal-log.js';
import type { TellingTheOthers } from './telling-the-others.js';

/** Why another room's record is not applied here (one log line a minute each). */
const NOT_APPLICABLE = {
  notApplied: "a linked room's record could not be applied",
  notHost: 'a room an invitation brought in handed over a time it does not keep: dropped',
  notClaimed: 'a fail-over or organiser claim from a room an invitation brought in, or for another room: dropped',
};

interface ReceivingDeps {
  self: RoomKey;
  ctx: MeetingContext;
  store: LinkStore;
  log: Logger;
  active: ActiveLinks;
  membership: LinkMembership;
  folds: LinkFolds;
  clocks: ClockExchange;
  hearing: HearingTheOthers;
  own: OwnRecords;
  channels: ReadonlyMap<string, Channel>;
  telling: TellingTheOthers;
}

/**
 * The other rooms' records: taken only from a room of the meeting (LinkMembership), stored once
 * by id and applied here in the same commit (applyRemote).
 */
export class ReceivingRecords {
  private readonly refusals: RefusalLogs<keyof typeof NOT_APPLICABLE>;
  private applyingNow = false;

  constructor(private readonly deps: ReceivingDeps) {
    this.refusals = new RefusalLogs(deps.log, NOT_APPLICABLE);
  }

  /** Records refused since start because they could not be applied here, or handed over or claimed a time their room may not take. */
  get notApplicable(): number {
    return this.refusals.total;
  }

  /** Whether another room's record is being applied now (what changes here meanwhile is not this room's to send). */
  get applying(): boolean {
    return this.applyingNow;
  }

  /** A record from another room (already checked against its topic). */
  receive(received: LinkRecord): void {
    const { deps } = this;
    const meeting = deps.active.meetingOf(received.link);
    if (!meeting) return; // not a meeting of this room: not ours to take
    const member = deps.membership.admits(received, meeting);
    if (!member) return;
    if (received.kind === 'host.set') {
      const before = this.foldBefore(received);
      const refusal = !handOverTaken(before, received) ? 'notHost' : !claimTaken(before, received) ? 'notClaimed' : undefined;
      if (refusal) {
        this.refusals.refused(refusal, {
          code: 'ROOMCTL_E_LINK_NOT_HOST',
          link: received.link,
          from: received.room,
          host: received.host,
          reason: received.reason,
        });
        return;
      }
    }
    // An edit of the agenda here not sent yet goes first: the fold merges it with this one, rather than this one hiding it.
    if (received.kind === 'agenda.clock' && !this.applyingNow) deps.clocks.send(received.link, meeting);
    // The proof and the joins a re-send answers have done their work here; stored without them (this room sends only its own records again).
    const { proof: _proof, resentFor, ...record } = received;
    this.applyingNow = true;
    try {
      let fresh = false;
      try {
        // The record and what it does here in one commit (one fsync); a record that cannot be applied is not kept either, so a re-send tries again.
        fresh = deps.ctx.db.transaction(() => {
          if (!deps.store.insert(record, { bounded: true })) return false;
          deps.folds.stored(record);
          applyRemote(
            {
              self: deps.self,
              ctx: deps.ctx,
              store: deps.store,
              channels: deps.channels,
              log: deps.log,
              fold: (link) => deps.folds.of(link),
              settled: (link, m) => deps.clocks.settled(link, m),
            },
            meeting,
            record,
          );
          return true;
        })();
      } catch (err) {
        deps.folds.stale(record.link);
        deps.store.recount();
        const error = err as Error;
        const code = error instanceof RoomctlError ? error.code : undefined;
        this.refusals.refused('notApplied', { link: record.link, from: record.room, kind: record.kind, code, err: error.message });
        return;
      }
      // Another room's join, new or again: the end of its re-send (see OwnRecords.resendSoon), which this room may be waiting for.
      if (record.kind === 'room.joined') deps.hearing.joinOf(record.link, record.room);
      // A join its room sent again, not in a re-send (that names the joins it answers): a room of an earlier release, which sends its
      // join before its subscription is in place, did not hear it back, so it missed this room's re-send too — answered again. A join inside a re-send is not: rooms would answer each other without end.
      const sentAgain = record.kind === 'room.joined' && resentFor === undefined;
      if (!fresh && !sentAgain) return;
      if (fresh && (record.kind === 'channel' || record.kind === 'host.set' || record.kind === 'room.joined'))
        deps.log.debug(
          { link: record.link, from: record.room, member, kind: record.kind, at: record.at, channel: record.kind === 'channel' ? record.channel : undefined },
          'linked record received',
        );
      // A room new on the link may have missed this room's records: they go again — unless its join came in a re-send
      // answering this room's own join, which that room heard, and so everything this room sent after it.
      if (record.kind === 'room.joined' && !deps.telling.heardAllOf(record.link, resentFor)) deps.own.resendSoon(record.link, record.id);
      // The panels redraw; nothing of this room changed, so no sync (the 1 s one catches a start or end it caused).
      deps.ctx.changed();
    } finally {
      this.applyingNow = false;
    }
  }

  /** The link as the records before `record` (by (at, id)) make it: the kept fold when it comes after them all, the usual case. */
  private foldBefore(record: LinkRecord) {
    const fold = this.deps.folds.of(record.link);
    if (!fold.last || byTime(fold.last, record) < 0) return fold;
    return foldLink(this.deps.store.records(record.link).filter((r) => byTime(r, record) < 0));
  }
}
