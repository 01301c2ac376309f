import { randomUUID } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { CheckInElsewhere, LinkedMeetingsPort, LinkedRoomView } from '../meetings/linked-port.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { linkKeyOf, personDigest } from './link-key.js';
import type { LinkChange, LinkInvitation, LinkRecord, RoomKey } from './link-records.js';
import type { LinkStore } from './link-store.js';
import { isRoomKey, linkTopics } from './link-topics.js';
import { effectiveHost, foldLink, type FoldedLink } from './linked-fold.js';
import { localClock, localFacts, localHealth, type DeviceList } from './local-facts.js';
import { applyRemote, type Channel } from './apply-remote.js';

/** Where records go out: the telemetry outbox (SQLite first, QoS 1, re-sent until the broker has them). */
export interface RecordSender {
  enqueue(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }): void;
}

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
  /** Whether an invitation from this room may link this room to a meeting (`meetings.links.acceptFrom`). */
  accepts(from: RoomKey): boolean;
}

const MAX_LINKED_ROOMS = 50;
/** Joins within this long share one re-send. */
const RESEND_DELAY_MS = 500;
const ACTIVE_CACHE_MS = 1000;
/** Refused invitations remembered, so a re-delivered one is not logged or reported again. */
const REFUSALS_KEPT = 1000;

/**
 * The rooms a meeting is held in, as one meeting. Sends this room's facts about each linked
 * meeting (that it takes part, its devices' health, its check-ins, notes, decisions, action
 * items, its agenda clock when it changed here, host claims) as records, and applies the
 * other rooms' records once by id. Implements the meetings' LinkedMeetingsPort.
 */
export class LinkedRooms implements LinkedMeetingsPort {
  private readonly online = new Map<RoomKey, boolean>();
  private readonly folds = new Map<string, FoldedLink>();
  private readonly lastClock = new Map<string, string>();
  private readonly lastHealth = new Map<string, string>();
  private readonly joined = new Set<string>();
  private readonly channels = new Map<string, Channel>();
  private readonly resends = new Map<string, NodeJS.Timeout>();
  private activeCache: { at: number; links: Map<string, string> } | undefined;
  private readonly refused = new Set<string>();
  private applying = false;

  constructor(private readonly deps: LinkedRoomsDeps) {}

  get self(): RoomKey {
    return this.deps.self;
  }

  /** A module whose records replicate as they are (the floor, polls): `send` them, get the others' in `apply`. */
  registerChannel(name: string, channel: Channel): { send(meetingId: string, record: { id: string }): void } {
    this.channels.set(name, channel);
    return {
      send: (meetingId, record) => {
        const m = this.deps.ctx.meetings.get(meetingId);
        if (m) this.publish(linkKeyOf(m.occurrenceKey), { kind: 'channel', channel: name, record }, `${name}:${record.id}`);
      },
    };
  }

  /** The broker is there again: tell every linked meeting this room takes part (the others re-send what it missed). */
  connected(): void {
    this.joined.clear();
    this.deps.subscribe(linkTopics.invitationsTo(this.self));
    this.deps.subscribe(linkTopics.status('+/+'));
    this.sync();
  }

  /** A room's retained status: `offline` (its last will, or a clean stop) may hand the timer on. */
  statusOf(room: RoomKey, online: boolean): void {
    if (room === this.self || this.online.get(room) === online) return;
    this.online.set(room, online);
    if (!this.active().some(({ link }) => this.fold(link).rooms.has(room))) return; // a room of no meeting here: only listed
    this.sync();
    this.deps.ctx.changed();
  }

  /** The rooms seen on the broker (their retained status), to link a meeting with from the panel. */
  knownRooms(): { site: string; room: string; online: boolean }[] {
    return [...this.online].map(([key, online]) => ({ ...split(key), online })).sort((a, b) => `${a.site}/${a.room}`.localeCompare(`${b.site}/${b.room}`));
  }

  /** Publishes whatever changed here for every active linked meeting, and claims the timer when the host is gone. */
  sync(): void {
    if (this.applying) return;
    for (const { link, meeting } of this.active()) {
      this.deps.subscribe(linkTopics.allRecords(link));
      if (!this.joined.has(link)) {
        this.joined.add(link);
        this.publish(link, { kind: 'room.joined', name: this.deps.roomName });
      }
      const health = localHealth(this.deps.devices);
      if (this.lastHealth.get(link) !== JSON.stringify(health)) {
        this.lastHealth.set(link, JSON.stringify(health));
        this.publish(link, { kind: 'room.health', ...health });
      }
      const remote = this.remoteMinutesIds(link);
      for (const fact of localFacts(this.deps.ctx, meeting, link, this.self, (id) => remote.has(id))) this.publish(link, fact.change, fact.id, fact.at);
      this.syncClock(link, meeting);
      const fold = this.fold(link);
      if (fold.host !== null && fold.host !== this.self && effectiveHost(fold, (r) => this.isOnline(r)) === this.self) {
        this.deps.log.warn({ link, host: fold.host }, 'the host room is offline: this room keeps the timer now');
        this.publish(link, { kind: 'host.set', host: this.self, reason: 'failover' });
      }
    }
  }

  /** A record from another room (already checked against its topic). */
  receive(record: LinkRecord): void {
    const meeting = this.meetingOf(record.link);
    if (!meeting) return; // not a meeting of this room: not ours to take
    this.applying = true;
    try {
      let fresh = false;
      try {
        // The record and what it does here in one commit (one fsync); a record that cannot be applied is not kept either, so a re-send tries again.
        fresh = this.deps.ctx.db.transaction(() => {
          if (!this.deps.store.insert(record)) return false;
          this.folds.delete(record.link);
          applyRemote(this.remoteDeps(), meeting, record);
          return true;
        })();
      } catch (err) {
        this.folds.delete(record.link);
        this.deps.log.warn({ link: record.link, kind: record.kind, err: (err as Error).message }, "a linked room's record could not be applied");
        return;
      }
      if (!fresh) return;
      if (record.kind === 'room.joined') this.resendSoon(record.link);
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
    this.publish(link, { kind: 'links.set', rooms: named });
    if (this.fold(link).host === null) this.publish(link, { kind: 'host.set', host: this.self, reason: 'organiser' });
    for (const to of named.filter((r) => r !== this.self)) {
      const invitation: LinkInvitation = {
        id: randomUUID(),
        link,
        room: this.self,
        at: now.toISOString(),
        kind: 'invitation',
        occurrenceKey: m.occurrenceKey,
        title: m.confidentiality === 'confidential' ? '' : m.title,
        start: m.start,
        end: m.end,
        confidentiality: m.confidentiality,
        rooms: named,
      };
      this.deps.sender.enqueue(linkTopics.invitation(this.self, to), JSON.stringify(invitation), { qos: 1, retain: false });
    }
    this.sync();
    this.deps.ctx.changed();
    return m;
  }

  /** An invitation to this room: the same meeting if its calendar holds it, else a booking made for it (when the room is free). */
  invited(invitation: LinkInvitation): void {
    const { ctx } = this.deps;
    if (!this.deps.accepts(invitation.room)) return this.refuse(invitation);
    let m = ctx.meetings.byOccurrence(invitation.occurrenceKey);
    if (!m) {
      const clash = ctx.meetings.between(invitation.start, invitation.end, ['booked', 'in_progress']);
      if (clash.length > 0) {
        this.deps.log.warn({ from: invitation.room, start: invitation.start }, 'a room linked this room to a meeting while it is booked: not linked');
        return;
      }
      m = ctx.meetings.insert(
        {
          source: 'adhoc',
          seriesKey: null,
          occurrenceKey: invitation.occurrenceKey,
          title: invitation.title || 'Linked meeting',
          organiser: {},
          attendees: [],
          description: '',
          agenda: [],
          start: invitation.start,
          end: invitation.end,
          confidentiality: invitation.confidentiality,
        },
        ctx.clock.now(),
      );
    }
    this.deps.store.link(invitation.link, m.id, ctx.clock.now());
    this.sync();
    ctx.changed();
  }

  /** An invitation from a room this room does not take them from: nothing booked; logged and reported once (the broker may deliver it again). */
  private refuse(invitation: LinkInvitation): void {
    if (this.refused.has(invitation.id)) return;
    if (this.refused.size >= REFUSALS_KEPT) this.refused.clear();
    this.refused.add(invitation.id);
    const reason = `${invitation.room} may not link this room to its meetings: it is not in meetings.links.acceptFrom (by default the rooms of ${split(this.self).site})`;
    this.deps.log.warn({ code: 'ROOMCTL_E_LINK_REFUSED', from: invitation.room, invitation: invitation.id, start: invitation.start }, reason);
    this.deps.ctx.bus.publish({ type: 'link.refused', invitationId: invitation.id, from: invitation.room, code: 'ROOMCTL_E_LINK_REFUSED', reason });
  }

  /** Hands the timer (and the roll call and minutes) to another linked room, or takes it. */
  handOver(meetingId: string, to: RoomKey): void {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    const link = linkKeyOf(m.occurrenceKey);
    if (!this.fold(link).rooms.has(to) && to !== this.self)
      throw new RoomctlError('ROOMCTL_E_LINK_ROOM', `${to} is not a room of this meeting`, { rooms: [to] });
    this.publish(link, { kind: 'host.set', host: to, reason: 'handover' });
    this.deps.ctx.changed();
  }

  // ── the meetings' port ─────────────────────────────────────────────────────────────

  rooms(meetingId: string): LinkedRoomView[] {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) return [];
    const fold = this.fold(linkKeyOf(m.occurrenceKey));
    const others = [...fold.rooms.values()].filter((r) => r.room !== this.self);
    if (others.length === 0) return [];
    const host = this.hostOf(fold);
    const own: LinkedRoomView = {
      ...split(this.self),
      name: this.deps.roomName,
      host: host === this.self,
      present: this.deps.ctx.checkIns.count(m.id),
      expected: false,
      online: true,
      health: localHealth(this.deps.devices),
    };
    const views = others.map((r) => ({
      ...split(r.room),
      name: r.name ?? r.room,
      host: host === r.room,
      present: r.checkIns.size,
      expected: !r.heard,
      online: r.heard && this.isOnline(r.room),
      health: r.health ?? { status: 'unknown' as const, problems: [] },
    }));
    return [own, ...views].sort((a, b) => `${a.site}/${a.room}`.localeCompare(`${b.site}/${b.room}`));
  }

  followsAnotherRoom(meetingId: string): boolean {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) return false;
    const fold = this.fold(linkKeyOf(m.occurrenceKey));
    if (![...fold.rooms.keys()].some((r) => r !== this.self)) return false;
    return this.hostOf(fold) !== this.self;
  }

  checkedInElsewhere(meetingId: string, personKey: string): CheckInElsewhere | undefined {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) return undefined;
    const link = linkKeyOf(m.occurrenceKey);
    const person = personDigest(link, personKey);
    for (const r of this.fold(link).rooms.values()) {
      const c = r.room === this.self ? undefined : r.checkIns.get(person);
      if (c) return { room: r.room, roomName: r.name ?? r.room, at: c.at };
    }
    return undefined;
  }

  attendanceByRoom(meetingId: string): { room: string; name: string; present: number; names: string[] }[] {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m || this.rooms(meetingId).length === 0) return [];
    const confidential = m.confidentiality === 'confidential';
    const fold = this.fold(linkKeyOf(m.occurrenceKey));
    const own = this.deps.ctx.checkIns.list(m.id);
    const rows = [{ room: this.self, name: this.deps.roomName, present: own.length, names: confidential ? [] : own.map((c) => c.name ?? c.email ?? '?') }];
    for (const r of fold.rooms.values()) {
      if (r.room === this.self || !r.heard) continue;
      rows.push({
        room: r.room,
        name: r.name ?? r.room,
        present: r.checkIns.size,
        names: confidential ? [] : [...r.checkIns.values()].map((c) => c.name ?? '?'),
      });
    }
    return rows.sort((a, b) => a.room.localeCompare(b.room));
  }

  /** Stops the re-sends still waiting. */
  stop(): void {
    for (const timer of this.resends.values()) clearTimeout(timer);
    this.resends.clear();
  }

  // ── inside ───────────────────────────────────────────────────────────────────────────

  /**
   * A room (re)joined: it may have missed records (it was away, or the broker lost them), so
   * this room sends its own again — once for a burst of joins (fifty rooms starting), not once each.
   */
  private resendSoon(link: string): void {
    if (this.resends.has(link)) return;
    const timer = setTimeout(() => {
      this.resends.delete(link);
      for (const own of this.deps.store.records(link, this.self)) this.send(own);
    }, RESEND_DELAY_MS);
    timer.unref();
    this.resends.set(link, timer);
  }

  /** The host: the recorded one (or its successor while it is offline); before anyone claimed it, the first room by key. */
  private hostOf(fold: FoldedLink): RoomKey {
    return effectiveHost(fold, (r) => this.isOnline(r)) ?? [...fold.rooms.keys(), this.self].sort()[0]!;
  }

  private isOnline(room: RoomKey): boolean {
    return room === this.self || this.online.get(room) !== false;
  }

  /** The agenda clock changed here (not by applying another room's): send it; the first start claims the timer. */
  private syncClock(link: string, m: Meeting): void {
    const clock = localClock(this.deps.ctx, m);
    const text = JSON.stringify(clock);
    const before = this.lastClock.get(link);
    this.lastClock.set(link, text);
    if (before === undefined || before === text) return;
    if (clock.status === 'in_progress' && this.fold(link).host === null) this.publish(link, { kind: 'host.set', host: this.self, reason: 'started' });
    this.publish(link, { kind: 'agenda.clock', ...clock });
  }

  private remoteDeps() {
    return {
      ctx: this.deps.ctx,
      store: this.deps.store,
      channels: this.channels,
      log: this.deps.log,
      fold: (link: string) => this.fold(link),
      settled: (link: string, m: Meeting) => this.lastClock.set(link, JSON.stringify(localClock(this.deps.ctx, m))),
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

  /** The meetings this room takes part in across rooms now: from shortly before check-in opens until an hour after the end. */
  private active(): { link: string; meeting: Meeting }[] {
    const { ctx } = this.deps;
    const now = ctx.clock.now().getTime();
    const lead = Math.max(ctx.rules.checkInOpensMinutes, 15) * 60_000;
    const out = new Map<string, Meeting>();
    for (const m of ctx.meetings.between(new Date(now - 3_600_000).toISOString(), new Date(now + lead).toISOString())) {
      const live =
        m.status === 'booked' || m.status === 'in_progress' || (m.status === 'ended' && m.endedAt !== null && Date.parse(m.endedAt) > now - 3_600_000);
      if (live) out.set(linkKeyOf(m.occurrenceKey), m);
    }
    for (const { link, meetingId } of this.deps.store.linkedMeetings(new Date(now - 3_600_000).toISOString())) {
      const m = ctx.meetings.get(meetingId);
      if (m) out.set(link, m);
    }
    return [...out].map(([link, meeting]) => ({ link, meeting }));
  }

  /** The meeting a record is about, if this room holds it; the list of active links is kept for a second (records come in bursts). */
  private meetingOf(link: string): Meeting | undefined {
    const now = Date.now();
    if (!this.activeCache || now - this.activeCache.at > ACTIVE_CACHE_MS || !this.activeCache.links.has(link)) {
      this.activeCache = { at: now, links: new Map(this.active().map((a) => [a.link, a.meeting.id])) };
    }
    const id = this.activeCache.links.get(link);
    return id === undefined ? undefined : this.deps.ctx.meetings.get(id);
  }

  private fold(link: string): FoldedLink {
    let f = this.folds.get(link);
    if (!f) this.folds.set(link, (f = foldLink(this.deps.store.records(link))));
    return f;
  }

  /** Stores one of this room's records and puts it in the outbox; a fact already sent (same id) is not sent again. */
  private publish(link: string, change: LinkChange, id: string = randomUUID(), at: string = this.deps.ctx.clock.now().toISOString()): void {
    const record = { id, link, room: this.self, at, ...change } as LinkRecord;
    if (!this.deps.store.insert(record)) return;
    this.folds.delete(link);
    this.send(record);
  }

  private send(record: LinkRecord): void {
    this.deps.sender.enqueue(linkTopics.records(this.self, record.link), JSON.stringify(record), { qos: 1, retain: false });
  }
}

function split(key: RoomKey): { site: string; room: string } {
  const [site = '', room = ''] = key.split('/');
  return { site, room };
}
