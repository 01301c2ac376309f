import type { RoomKey } from '../../contract/link-records.js';
import type { Logger } from '../logger.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import type { ClockExchange } from './clock-exchange.js';
import type { HearingTheOthers } from './hearing-the-others.js';
import type { FoldedLink } from './linked-fold.js';
import type { LinkStore } from './link-store.js';
import { localFacts, localHealth, type DeviceList } from './local-facts.js';
import type { OwnRecords } from './own-records.js';
import type { RoomPresence } from './room-presence.js';
import { ownReleaseRecord } from './room-release.js';
import { checkInsSetAside } from './checkins-set-aside.js';

interface TellingDeps {
  self: RoomKey;
  roomName: string;
  ctx: MeetingContext;
  store: LinkStore;
  devices: DeviceList;
  log: Logger;
  own: OwnRecords;
  clocks: ClockExchange;
  hearing: HearingTheOthers;
  presence: RoomPresence;
  fold(link: string): FoldedLink;
}

/**
 * What this room tells the other rooms of each linked meeting: that it takes part (once per
 * connection, so the others re-send what it missed), its devices' health when it changed, that its
 * booking was released (or booked again), its check-ins (and those a move of its booking set aside), notes, decisions and action items, its agenda clock when it changed here, and that it
 * keeps the timer when the host is gone.
 */
export class TellingTheOthers {
  /**
   * Per link this room said it takes part in since it last connected: that join's id, and
   * whether it was the first of this room's records on the link (nothing but joins before it).
   */
  private readonly joined = new Map<string, { id: string; first: boolean }>();
  /** The health last sent, per link. */
  private readonly lastHealth = new Map<string, string>();

  constructor(private readonly deps: TellingDeps) {}

  /**
   * Sends whatever changed here for one active linked meeting. That it takes part (its join) only
   * once `listening`: the broker confirmed the link connection's subscription to the meeting, so the
   * join — which leaves through the telemetry outbox, another connection — and the other rooms'
   * re-send it brings reach this room. Its other records go out meanwhile (a re-send brings them again).
   */
  tell(link: string, meeting: Meeting, listening: boolean): void {
    const { own, self } = this.deps;
    this.deps.hearing.takesPart(link);
    if (!this.joined.has(link) && listening) {
      const first = this.deps.store.records(link, self).every((r) => r.kind === 'room.joined');
      const joinedRecord = own.publish(link, { kind: 'room.joined', name: this.deps.roomName });
      this.joined.set(link, { id: joinedRecord?.id ?? '', first });
      if (joinedRecord) this.deps.hearing.joining(joinedRecord);
    }
    const health = localHealth(this.deps.devices);
    if (this.lastHealth.get(link) !== JSON.stringify(health)) {
      this.lastHealth.set(link, JSON.stringify(health));
      own.publish(link, { kind: 'room.health', ...health });
    }
    const release = ownReleaseRecord(meeting, link, self, this.deps.fold(link));
    if (release) own.publish(link, release.change, release.id, release.at);
    const remote = this.remoteMinutesIds(link);
    for (const fact of localFacts(this.deps.ctx, meeting, link, self, (id) => remote.has(id))) own.publish(link, fact.change, fact.id, fact.at);
    for (const { id, change } of checkInsSetAside(this.deps.ctx, meeting, link, self, this.deps.fold(link))) own.publish(link, change, id);
    this.deps.clocks.send(link, meeting);
    const fold = this.deps.fold(link);
    if (this.deps.presence.shouldTakeOver(fold)) {
      this.deps.log.warn({ link, host: fold.host }, 'the host room is offline: this room keeps the timer now');
      own.publish(link, { kind: 'host.set', host: self, reason: 'failover' });
    }
  }

  /** Says again that this room takes part in every link (after a reconnect: every room re-sends what it missed). */
  joinAgain(): void {
    this.joined.clear();
  }

  /**
   * Whether another room's re-send (`resentFor`: the joins it answers) shows that room heard all
   * this room sent on the link: it answers this room's latest join, which came before anything
   * else this room sent there — so that room was on the link first, and needs no re-send from
   * this one. After a reconnect (records sent before the join) it may have missed some: false.
   */
  heardAllOf(link: string, resentFor: readonly string[] | undefined): boolean {
    const join = this.joined.get(link);
    return join !== undefined && join.first && resentFor !== undefined && resentFor.includes(join.id);
  }

  forget(link: string): void {
    this.joined.delete(link);
    this.lastHealth.delete(link);
  }

  /** Minutes entries and actions that came from other rooms: theirs to send, not this room's. */
  private remoteMinutesIds(link: string): Set<string> {
    const ids = new Set<string>();
    for (const r of this.deps.store.records(link)) {
      if (r.room === this.deps.self) continue;
      if (r.kind === 'minutes.entry') ids.add(r.entryId);
      else if (r.kind === 'minutes.action') ids.add(r.actionId);
    }
    return ids;
  }
}
