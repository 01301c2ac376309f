import type { Logger } from '../logger.js';
import type { CheckInElsewhere, LinkedDuty, LinkedMeetingsPort, LinkedRoomView, RoomAttendance } from '../meetings/linked-port.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { linkKeyOf, memberProof, verifyKeyOf } from './link-key.js';
import { LinkInvitations } from './link-invitations.js';
import type { LinkInvitation, LinkRecord, RoomKey } from '../../contract/link-records.js';
import type { LinkStore } from './link-store.js';
import { linkTopics } from '../../contract/link-topics.js';
import { LinkedMeetingViews } from './linked-meeting-views.js';
import type { DeviceList } from './local-facts.js';
import { ActiveLinks } from './active-links.js';
import type { Channel } from './apply-remote.js';
import type { RecordSender } from './record-sender.js';
import { OwnRecords } from './own-records.js';
import { LinkedDuties } from './linked-duties.js';
import { RoomPresence } from './room-presence.js';
import { HearingTheOthers } from './hearing-the-others.js';
import { LinkMembership } from './link-membership.js';
import { LinkFolds } from './link-folds.js';
import { ClockExchange } from './clock-exchange.js';
import { TellingTheOthers } from './telling-the-others.js';
import { ReceivingRecords } from './receiving-records.js';
import { OrganiserLinks } from './organiser-links.js';
import { isStorageFailure } from '../store/storage-health.js';

interface LinkedRoomsDeps {
  self: RoomKey;
  roomName: string;
  ctx: MeetingContext;
  store: LinkStore;
  devices: DeviceList;
  sender: RecordSender;
  log: Logger;
  /**
   * Subscribes (idempotently) to a topic on the link's own MQTT connection; whether the broker has
   * confirmed it (its SUBACK) on the connection as it is now. The wiring syncs again when it does.
   */
  subscribe(topic: string): boolean;
  /** Whether this room takes invitations from a room (`meetings.links.acceptFrom`). */
  accepts(from: RoomKey): boolean;
  /** Whether a room takes part in this room's linked meetings without proof that it holds the invite (`meetings.links.withoutProof`). */
  heardWithoutProof(from: RoomKey): boolean;
  /** A write the data folder refused (full, read-only, failing): the room's storage status says so. */
  noteStorageFailure?(err: unknown): void;
}

/**
 * The rooms a meeting is held in, as one meeting, put together from its parts: what this room
 * tells the others (`TellingTheOthers`, the clock by `ClockExchange`), the others' records it
 * takes (`ReceivingRecords`, from the rooms of the meeting: `LinkMembership`), its own records
 * (`OwnRecords`), invitations (`LinkInvitations`), what a person here does (`OrganiserLinks`),
 * who is online and who hosts (`RoomPresence`), the meetings' LinkedMeetingsPort
 * (`LinkedMeetingViews`), and which room does what only one room does (`LinkedDuties`).
 */
export class LinkedRooms implements LinkedMeetingsPort {
  private readonly presence: RoomPresence;
  private readonly invitations: LinkInvitations;
  private readonly views: LinkedMeetingViews;
  private readonly active: ActiveLinks;
  private readonly own: OwnRecords;
  private readonly duties: LinkedDuties;
  private readonly folds: LinkFolds;
  private readonly channels = new Map<string, Channel>();
  /** Whether this room has heard the others of each link, to decide alone what one room does. */
  private readonly hearing: HearingTheOthers;
  /** Which rooms may change a linked meeting here: others' records are dropped before anything is stored. */
  private readonly membership: LinkMembership;
  private readonly clocks: ClockExchange;
  private readonly telling: TellingTheOthers;
  private readonly receiving: ReceivingRecords;
  private readonly organiser: OrganiserLinks;
  private onBroker = false;
  /** The last sync could not save what it had to tell (said once a streak, not every second). */
  private unsaved = false;

  constructor(private readonly deps: LinkedRoomsDeps) {
    const fold = (link: string) => this.folds.of(link);
    this.folds = new LinkFolds(deps.store);
    this.presence = new RoomPresence(deps.self);
    this.active = new ActiveLinks(deps.ctx, deps.store);
    this.own = new OwnRecords({
      ...deps,
      now: () => deps.ctx.clock.now(),
      stored: (link) => this.folds.stale(link),
      // A booking made for an invitation shows the proof the invitation gave it; a room holding the invite makes its own.
      proofOf: (link) => {
        const m = this.active.meetingOf(link);
        return m && (deps.store.invitedProof(link)?.ticket ?? memberProof(m.occurrenceKey, link, deps.self));
      },
    });
    this.membership = new LinkMembership({
      ...deps,
      verifyKeyOf: (link, m) => deps.store.invitedProof(link)?.verifyKey ?? verifyKeyOf(m.occurrenceKey),
    });
    this.invitations = new LinkInvitations({ ...deps, linked: () => this.changed() });
    this.views = new LinkedMeetingViews({ ...deps, presence: this.presence, fold });
    this.hearing = new HearingTheOthers(() => deps.ctx.clock.now().getTime());
    this.duties = new LinkedDuties({ ...deps, ...this.parts(), fold, onBroker: () => this.onBroker });
    this.clocks = new ClockExchange({ ...deps, own: this.own, fold });
    this.telling = new TellingTheOthers({ ...deps, ...this.parts(), clocks: this.clocks, fold });
    this.receiving = new ReceivingRecords({
      ...deps,
      ...this.parts(),
      folds: this.folds,
      clocks: this.clocks,
      channels: this.channels,
      telling: this.telling,
    });
    this.organiser = new OrganiserLinks({
      ...deps,
      own: this.own,
      invitations: this.invitations,
      fold,
      hostOf: (link) => this.presence.hostOf(fold(link)),
    });
  }

  get self(): RoomKey {
    return this.deps.self;
  }

  /** Records and invitations from other rooms refused since start: from a room that is not one of the meeting's, not applicable here, or naming another meeting's link. */
  get refused(): number {
    return this.membership.refused + this.receiving.notApplicable + this.invitations.mismatches;
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
    this.telling.joinAgain();
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
    if (!this.active.list().some(({ link }) => this.folds.of(link).rooms.has(room))) return; // a room of no meeting here: only listed
    this.sync();
    this.deps.ctx.changed();
  }

  /** The rooms seen on the broker (their retained status), to link a meeting with from the panel. */
  knownRooms(): { site: string; room: string; online: boolean }[] {
    return this.presence.known();
  }

  /** Publishes whatever changed here for every active linked meeting, and claims the timer when the host is gone. */
  sync(): void {
    if (this.receiving.applying) return;
    try {
      for (const { link, meeting } of this.active.list()) {
        const listening = this.deps.subscribe(linkTopics.allRecords(link));
        this.telling.tell(link, meeting, listening);
        this.invitations.sendAgainIfChanged(link, meeting, this.deps.ctx.clock.now());
      }
    } catch (err) {
      // A full or failing disk is no reason to stop the room (this runs every second): each sync
      // tells what changed since what is stored, so what could not be saved now goes out with
      // the first sync that can save it.
      if (!isStorageFailure(err)) throw err;
      this.deps.noteStorageFailure?.(err);
      if (!this.unsaved)
        this.deps.log.warn({ err: (err as Error).message }, 'linked-room records not saved: the other rooms are told once the room can save again');
      this.unsaved = true;
      return;
    }
    if (this.unsaved) this.deps.log.info('linked-room records saved again');
    this.unsaved = false;
  }

  /** Whether this room waits for its own join to come back from the broker on a link (only then are its own records worth reading). */
  awaitsEcho(link: string): boolean {
    return this.hearing.awaitsEcho(link);
  }

  /** One of this room's own records came back from the broker (the link hears its own topic too). */
  ownRecordHeard(record: LinkRecord): void {
    this.hearing.echoed(record.link, record.id);
  }

  /** A record from another room (already checked against its topic): see ReceivingRecords. */
  receive(received: LinkRecord): void {
    this.receiving.receive(received);
  }

  /** The organiser links rooms to a meeting of this room: this room hosts it, the others are invited. */
  link(meetingId: string, rooms: readonly string[]): Meeting {
    const meeting = this.organiser.link(meetingId, rooms);
    this.changed();
    return meeting;
  }

  /** An invitation to this room (see LinkInvitations). */
  invited(invitation: LinkInvitation): void {
    this.invitations.invited(invitation);
  }

  /** Hands the timer (and the roll call and minutes, unless done) to another linked room, or takes it. */
  handOver(meetingId: string, to: RoomKey): void {
    this.organiser.handOver(meetingId, to);
    this.deps.ctx.changed();
  }

  // ── the meetings' port ─────────────────────────────────────────────────────────────

  linksRooms(meetingId: string): boolean {
    const m = this.deps.ctx.meetings.get(meetingId);
    return m !== undefined && !this.deps.store.invitedProof(linkKeyOf(m.occurrenceKey));
  }

  handsTimeOver(meetingId: string): boolean {
    const m = this.deps.ctx.meetings.get(meetingId);
    return m !== undefined && this.organiser.handsTimeOver(linkKeyOf(m.occurrenceKey));
  }

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
      this.folds.stale(link);
      this.clocks.forget(link);
      this.telling.forget(link);
      this.invitations.forget(link);
    }
    return records;
  }

  /** Stops the re-sends still waiting. */
  stop(): void {
    this.own.stop();
  }

  /** Something of this room's linked meetings changed here: send it, redraw the panels. */
  private changed(): void {
    this.sync();
    this.deps.ctx.changed();
  }

  /** The parts the others are made with. */
  private parts() {
    return { hearing: this.hearing, presence: this.presence, views: this.views, active: this.active, own: this.own, membership: this.membership };
  }
}
