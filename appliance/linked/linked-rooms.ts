import { RoomctlError } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { CheckInElsewhere, LinkedDuty, LinkedMeetingsPort, LinkedRoomView, RoomAttendance } from '../meetings/linked-port.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { sameAgenda } from './agenda-merge.js';
import { linkKeyOf, memberProof } from './link-key.js';
import { LinkInvitations } from './link-invitations.js';
import type { LinkInvitation, LinkRecord, RoomKey } from '../../contract/link-records.js';
import type { LinkStore } from './link-store.js';
import { isRoomKey, linkTopics } from '../../contract/link-topics.js';
import { byTime, foldLink, foldStep, type FoldedLink } from './linked-fold.js';
import { LinkedMeetingViews } from './linked-meeting-views.js';
import { localClock, localFacts, localHealth, type DeviceList } from './local-facts.js';
import { firstClockBase, withoutTimes } from './clock-items.js';
import { ActiveLinks } from './active-links.js';
import { applyRemote, type Channel } from './apply-remote.js';
import type { RecordSender } from './record-sender.js';
import { OwnRecords } from './own-records.js';
import { LinkedDuties } from './linked-duties.js';
import { RoomPresence } from './room-presence.js';
import { HearingTheOthers } from './hearing-the-others.js';
import { LinkMembership } from './link-membership.js';
import { RefusalLog } from './refusal-log.js';
import { ownReleaseRecord } from './room-release.js';

interface LinkedRoomsDeps {
  self: RoomKey;
  roomName: string;
  ctx: MeetingContext;
  store: LinkStore;
  devices: DeviceList;
  sender: RecordSender;
  log: Logger;
  /** Subscribes (idempotently) to a topic on the link's own MQTT connection. */
  subscribe(topic: string): void;
  /** Whether this room takes invitations from a room (`meetings.links.acceptFrom`). */
  accepts(from: RoomKey): boolean;
  /** Whether a room takes part in this room's linked meetings without proof that it holds the invite (`meetings.links.withoutProof`). */
  heardWithoutProof(from: RoomKey): boolean;
}

const MAX_LINKED_ROOMS = 50;

/**
 * The rooms a meeting is held in, as one meeting. Sends this room's facts about each linked
 * meeting (that it takes part, its devices' health, its check-ins, notes, decisions, action
 * items, its agenda clock when it changed here, host claims) as records, and applies the
 * other rooms' records once by id. This room's own records are `OwnRecords`', invitations
 * `LinkInvitations`', who is online and who hosts `RoomPresence`'s; the meetings'
 * LinkedMeetingsPort is answered by `LinkedMeetingViews`, and which room does what only one
 * room does by `LinkedDuties`.
 */
export class LinkedRooms implements LinkedMeetingsPort {
  private readonly presence: RoomPresence;
  private readonly invitations: LinkInvitations;
  private readonly views: LinkedMeetingViews;
  private readonly active: ActiveLinks;
  private readonly own: OwnRecords;
  private readonly duties: LinkedDuties;
  private readonly folds = new Map<string, FoldedLink>();
  private readonly lastClock = new Map<string, string>();
  private readonly lastHealth = new Map<string, string>();
  private readonly joined = new Set<string>();
  private readonly channels = new Map<string, Channel>();
  /** Whether this room has heard the others of each link, to decide alone what one room does. */
  private readonly hearing: HearingTheOthers;
  /** Which rooms may change a linked meeting here: others' records are dropped before anything is stored. */
  private readonly membership: LinkMembership;
  private readonly notApplied: RefusalLog;
  private onBroker = false;
  private applying = false;

  constructor(private readonly deps: LinkedRoomsDeps) {
    this.presence = new RoomPresence(deps.self);
    this.own = new OwnRecords({
      ...deps,
      now: () => deps.ctx.clock.now(),
      stored: (link) => this.folds.delete(link),
      proofOf: (link) => {
        const m = this.active.meetingOf(link);
        return m && memberProof(m.occurrenceKey, link, deps.self);
      },
    });
    this.membership = new LinkMembership(deps);
    this.notApplied = new RefusalLog(deps.log, "a linked room's record could not be applied");
    this.active = new ActiveLinks(deps.ctx, deps.store);
    this.invitations = new LinkInvitations({ ...deps, linked: () => this.changed() });
    this.views = new LinkedMeetingViews({ ...deps, presence: this.presence, fold: (link) => this.fold(link) });
    this.hearing = new HearingTheOthers(() => deps.ctx.clock.now().getTime());
    this.duties = new LinkedDuties({
      ...deps,
      hearing: this.hearing,
      presence: this.presence,
      views: this.views,
      active: this.active,
      own: this.own,
      fold: (link) => this.fold(link),
      onBroker: () => this.onBroker,
    });
  }

  get self(): RoomKey {
    return this.deps.self;
  }

  /** Records and invitations from other rooms refused since start: from a room that is not one of the meeting's, not applicable here, or naming another meeting's link. */
  get refused(): number {
    return this.membership.refused + this.notApplied.count + this.invitations.mismatches;
  }

  /** A module whose records replicate as they are (the floor, polls): `send` them, get the others' in `apply`. */
  registerChannel(name: string, channel: Channel): { send(meetingId: string, record: { id: string }): void } {
    this.channels.set(name, channel);
    return {
      send: (meetingId, record) => {
        const m = this.deps.ctx.meetings.get(meetingId);
        if (m) this.own.publish(linkKeyOf(m.occurrenceKey), { kind: 'channel', channel: name, record }, `${name}:${record.id}`);
      },
    };
  }

  /** The broker is there again: tell every linked meeting this room takes part (the others re-send what it missed). */
  connected(): void {
    this.deps.log.debug('link connection up');
    this.onBroker = true;
    this.joined.clear();
    this.deps.subscribe(linkTopics.invitationsTo(this.self));
    this.deps.subscribe(linkTopics.status('+/+'));
    this.sync();
  }

  /** The link's connection to the broker is gone: what this room hears from now may be incomplete. */
  disconnected(): void {
    this.onBroker = false;
  }

  /** A room's retained status: `offline` (its last will, or a clean stop) may hand the timer on. */
  statusOf(room: RoomKey, online: boolean): void {
    if (!this.presence.set(room, online)) return;
    if (!this.active.list().some(({ link }) => this.fold(link).rooms.has(room))) return; // a room of no meeting here: only listed
    this.sync();
    this.deps.ctx.changed();
  }

  /** The rooms seen on the broker (their retained status), to link a meeting with from the panel. */
  knownRooms(): { site: string; room: string; online: boolean }[] {
    return this.presence.known();
  }

  /** Publishes whatever changed here for every active linked meeting, and claims the timer when the host is gone. */
  sync(): void {
    if (this.applying) return;
    for (const { link, meeting } of this.active.list()) {
      this.deps.subscribe(linkTopics.allRecords(link));
      if (!this.joined.has(link)) {
        this.joined.add(link);
        const joinedRecord = this.own.publish(link, { kind: 'room.joined', name: this.deps.roomName });
        if (joinedRecord) this.hearing.joining(joinedRecord);
      }
      const health = localHealth(this.deps.devices);
      if (this.lastHealth.get(link) !== JSON.stringify(health)) {
        this.lastHealth.set(link, JSON.stringify(health));
        this.own.publish(link, { kind: 'room.health', ...health });
      }
      const release = ownReleaseRecord(meeting, link, this.self, this.fold(link));
      if (release) this.own.publish(link, release.change, release.id, release.at);
      const remote = this.remoteMinutesIds(link);
      for (const fact of localFacts(this.deps.ctx, meeting, link, this.self, (id) => remote.has(id))) this.own.publish(link, fact.change, fact.id, fact.at);
      this.syncClock(link, meeting);
      const fold = this.fold(link);
      if (this.presence.shouldTakeOver(fold)) {
        this.deps.log.warn({ link, host: fold.host }, 'the host room is offline: this room keeps the timer now');
        this.own.publish(link, { kind: 'host.set', host: this.self, reason: 'failover' });
      }
    }
    if (this.onBroker) for (const join of this.hearing.unechoed()) this.own.send(join);
  }

  /** Whether this room waits for its own join to come back from the broker on a link (only then are its own records worth reading). */
  awaitsEcho(link: string): boolean {
    return this.hearing.awaitsEcho(link);
  }

  /** One of this room's own records came back from the broker (the link hears its own topic too). */
  ownRecordHeard(record: LinkRecord): void {
    this.hearing.echoed(record.link, record.id);
  }

  /** A record from another room (already checked against its topic): taken only from a room of the meeting (LinkMembership). */
  receive(received: LinkRecord): void {
    const meeting = this.active.meetingOf(received.link);
    if (!meeting) return; // not a meeting of this room: not ours to take
    const member = this.membership.admits(received, meeting, () => this.fold(received.link));
    if (!member) return;
    // An edit of the agenda here not sent yet goes first: the fold merges it with this one, rather than this one hiding it.
    if (received.kind === 'agenda.clock' && !this.applying) this.syncClock(received.link, meeting);
    // The proof has done its work here; stored without it (this room sends only its own records again).
    const { proof: _proof, ...record } = received;
    this.applying = true;
    try {
      let fresh = false;
      try {
        // The record and what it does here in one commit (one fsync); a record that cannot be applied is not kept either, so a re-send tries again.
        fresh = this.deps.ctx.db.transaction(() => {
          if (!this.deps.store.insert(record, { bounded: true })) return false;
          this.foldIn(record);
          applyRemote(this.remoteDeps(), meeting, record);
          return true;
        })();
      } catch (err) {
        this.folds.delete(record.link);
        this.deps.store.recount();
        const error = err as Error;
        const code = error instanceof RoomctlError ? error.code : undefined;
        this.notApplied.refused({ link: record.link, from: record.room, kind: record.kind, code, err: error.message });
        return;
      }
      // Another room's join, new or again: the end of its re-send (see OwnRecords.resendSoon), which this room may be waiting for.
      if (record.kind === 'room.joined') this.hearing.joinOf(record.link, record.room);
      if (!fresh) return;
      if (record.kind === 'channel' || record.kind === 'host.set' || record.kind === 'room.joined')
        this.deps.log.debug(
          { link: record.link, from: record.room, member, kind: record.kind, at: record.at, channel: record.kind === 'channel' ? record.channel : undefined },
          'linked record received',
        );
      if (record.kind === 'room.joined') this.own.resendSoon(record.link);
      // A room refused here before is one of the meeting's now: join again, so it (and every room) sends what this room missed.
      if (record.kind === 'links.set' && this.membership.namedAfterRefusal(record.link, record.rooms)) this.joined.delete(record.link);
      // The panels redraw; nothing of this room changed, so no sync (the 1 s one catches a start or end it caused).
      this.deps.ctx.changed();
    } finally {
      this.applying = false;
    }
  }

  /** The organiser links rooms to a meeting of this room: this room hosts it, the others are invited. */
  link(meetingId: string, rooms: readonly string[]): Meeting {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    if (m.status !== 'booked' && m.status !== 'in_progress')
      throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${meetingId} is ${m.status}; only a booked or running meeting can be linked`);
    const bad = rooms.filter((r) => !isRoomKey(r) || r === this.self);
    if (bad.length > 0 || rooms.length === 0 || rooms.length > MAX_LINKED_ROOMS)
      throw new RoomctlError(
        'ROOMCTL_E_LINK_ROOM',
        `Rooms to link: ${bad.length ? bad.map((r) => JSON.stringify(r)).join(', ') : `${rooms.length}`} not accepted`,
        { rooms: bad },
      );
    const link = linkKeyOf(m.occurrenceKey);
    const now = this.deps.ctx.clock.now();
    this.deps.store.link(link, m.id, now);
    const named = [...new Set([this.self, ...rooms])].sort();
    this.own.publish(link, { kind: 'links.set', rooms: named });
    if (this.fold(link).host === null) this.own.publish(link, { kind: 'host.set', host: this.self, reason: 'organiser' });
    this.invitations.send(link, m, named, now);
    this.sync();
    this.deps.ctx.changed();
    return m;
  }

  /** An invitation to this room (see LinkInvitations). */
  invited(invitation: LinkInvitation): void {
    this.invitations.invited(invitation);
  }

  /** Hands the timer (and the roll call and minutes, unless done) to another linked room, or takes it. */
  handOver(meetingId: string, to: RoomKey): void {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    const link = linkKeyOf(m.occurrenceKey);
    if (!this.fold(link).rooms.has(to) && to !== this.self)
      throw new RoomctlError('ROOMCTL_E_LINK_ROOM', `${to} is not a room of this meeting`, { rooms: [to] });
    this.own.publish(link, { kind: 'host.set', host: to, reason: 'handover' });
    this.deps.ctx.changed();
  }

  // ── the meetings' port ─────────────────────────────────────────────────────────────

  rooms(meetingId: string): LinkedRoomView[] {
    return this.views.rooms(meetingId);
  }

  dutyBy(meetingId: string, duty: LinkedDuty): 'here' | 'done' | 'another-room' | 'wait' {
    return this.duties.dutyBy(meetingId, duty);
  }

  dutyTaken(meetingId: string, duty: LinkedDuty): void {
    this.duties.dutyTaken(meetingId, duty);
  }

  checkedInElsewhere(meetingId: string, personKey: string): CheckInElsewhere | undefined {
    return this.views.checkedInElsewhere(meetingId, personKey);
  }

  attendanceByRoom(meetingId: string): RoomAttendance[] {
    return this.views.attendanceByRoom(meetingId);
  }

  forgetGoneMeetings(): number {
    const { links, records } = this.deps.store.forgetUnheld();
    // What this room remembers of a gone meeting's link goes with its records.
    for (const link of links) {
      this.folds.delete(link);
      this.lastClock.delete(link);
      this.lastHealth.delete(link);
      this.joined.delete(link);
    }
    return records;
  }

  /** Stops the re-sends still waiting. */
  stop(): void {
    this.own.stop();
  }

  // ── inside ───────────────────────────────────────────────────────────────────────────

  /** Something of this room's linked meetings changed here: send it, redraw the panels. */
  private changed(): void {
    this.sync();
    this.deps.ctx.changed();
  }

  /**
   * The agenda clock changed here (not by applying another room's): send it; the first start
   * claims the timer. A clock whose items changed here carries the items as they were before
   * (`itemsBase`: as this room last sent them or took them from another), so an edit made
   * meanwhile in another room on the same items is merged with this one, not lost to it.
   * Before any room sent a clock of the meeting, this room's first carries what its agenda was
   * made on (`firstClockBase`).
   */
  private syncClock(link: string, m: Meeting): void {
    // A room that released its booking left the meeting: its clock (ended, to it) is no one else's.
    if (m.status === 'released') return;
    const clock = localClock(this.deps.ctx, m, this.self);
    const text = JSON.stringify(clock);
    const before = this.lastClock.get(link);
    this.lastClock.set(link, text);
    if (before === text) return;
    // The first look at a meeting since this room takes part (or started): once a clock of it is on the link, nothing to send.
    const base =
      before !== undefined
        ? withoutTimes((JSON.parse(before) as typeof clock).items)
        : this.fold(link).clock === null
          ? firstClockBase(this.deps.ctx.agenda.editBase(m.id), clock.items)
          : undefined;
    if (base === undefined) return;
    if (clock.status === 'in_progress' && this.fold(link).host === null) this.own.publish(link, { kind: 'host.set', host: this.self, reason: 'started' });
    this.own.publish(link, { kind: 'agenda.clock', ...clock, ...(before !== undefined && sameAgenda(base, clock.items) ? {} : { itemsBase: base }) });
  }

  private remoteDeps() {
    return {
      self: this.self,
      ctx: this.deps.ctx,
      store: this.deps.store,
      channels: this.channels,
      log: this.deps.log,
      fold: (link: string) => this.fold(link),
      settled: (link: string, m: Meeting) => this.lastClock.set(link, JSON.stringify(localClock(this.deps.ctx, m, this.self))),
    };
  }

  private remoteMinutesIds(link: string): Set<string> {
    const ids = new Set<string>();
    for (const r of this.deps.store.records(link)) {
      if (r.room === this.self) continue;
      if (r.kind === 'minutes.entry') ids.add(r.entryId);
      else if (r.kind === 'minutes.action') ids.add(r.actionId);
    }
    return ids;
  }

  /** A record just stored: one step of the link's fold when it comes after the rest (the usual case), else the fold is made again when next asked for. */
  private foldIn(record: LinkRecord): void {
    const f = this.folds.get(record.link);
    if (f?.last && byTime(f.last, record) < 0) foldStep(f, record);
    else this.folds.delete(record.link);
  }

  private fold(link: string): FoldedLink {
    let f = this.folds.get(link);
    if (!f) this.folds.set(link, (f = foldLink(this.deps.store.records(link))));
    return f;
  }
}
