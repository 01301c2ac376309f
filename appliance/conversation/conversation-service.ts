import { randomUUID } from 'node:crypto';
import { RoomctlError, type ErrorCode } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { AgendaItem } from '../meetings/agenda-repository.js';
import type { CheckIn } from '../meetings/checkin-repository.js';
import type { Meeting, Person } from '../meetings/meeting-types.js';
import type { MeetingNotice } from '../meetings/meeting-views.js';
import type { Clock } from '../model/clock.js';
import { TypedBus } from '../model/typed-bus.js';
import { assertMeetingHolds } from '../meetings/meeting-limits.js';
import { checkedInPerson, speakerRef } from './conversation-people.js';
import { YES_NO_ABSTAIN, type ConversationChange, type ConversationRecord } from './conversation-records.js';
import { applyRecord, byTimeThenId, foldRecords, queueOf, tallyOf, type ConversationState, type Refusal, type SpokenTurn } from './conversation-reducer.js';
import type { ConversationRepository } from './conversation-repository.js';
import { conversationView, pollView, type ConversationView, type FloorView, type HandView, type PollView } from './conversation-views.js';
import { pollDecision } from './poll-outcome.js';

/** Who a `floor.given` record gives the floor to. */
type FloorGiven = Omit<Extract<ConversationChange, { kind: 'floor.given' }>, 'kind' | 'floorId'>;

interface ConversationDeps {
  records: ConversationRepository;
  clock: Clock;
  /** This room, `site/room`: the `room` of every record made here. */
  room: string;
  meetings: { get(id: string): Meeting | undefined; mark(meetingId: string, mark: string, at: Date): boolean };
  checkIns: { list(meetingId: string): CheckIn[] };
  agenda: { list(meetingId: string): AgendaItem[] };
  /** Where a closed poll's count lands: a decision in the minutes, stored once under its id (and kept to the count until the minutes go out). */
  minutes: {
    addEntryOnce(id: string, meetingId: string, kind: 'decision', text: string, author: string | undefined, at: Date): boolean;
    entry(id: string): { text: string } | undefined;
    updateEntry(id: string, text: string): void;
    storedMinutes(meetingId: string): { sentAt: string | null } | undefined;
  };
  /** A raised hand's speaking time (the agenda's named speakers bring their own). */
  speakerMinutes: number;
  /** Warnings at these shares of the speaker's time, like the agenda item's. */
  warningPercents: readonly number[];
  changed(notice?: MeetingNotice): void;
  log: Logger;
}

/** Folded states kept in memory (the meetings on screen and in today's lists). */
const STATES_KEPT = 64;

const REFUSAL_CODES: Record<Refusal['code'], ErrorCode> = {
  duplicate: 'ROOMCTL_E_BAD_REQUEST',
  'hand-not-found': 'ROOMCTL_E_HAND_NOT_FOUND',
  'hand-already-raised': 'ROOMCTL_E_HAND_ALREADY_RAISED',
  'poll-not-found': 'ROOMCTL_E_POLL_NOT_FOUND',
  'poll-exists': 'ROOMCTL_E_BAD_REQUEST',
  'poll-closed': 'ROOMCTL_E_POLL_CLOSED',
  'already-voted': 'ROOMCTL_E_ALREADY_VOTED',
  'bad-option': 'ROOMCTL_E_BAD_REQUEST',
  'floor-not-held': 'ROOMCTL_E_MEETING_STATE',
};

/**
 * The floor and polls of the meetings in this room. Every change is a record
 * (conversation-records.ts) folded by the pure reducer; the panel and phone commands make
 * records here, and `apply` takes records made in a linked room. Emits 'record'
 * (record, origin 'local' | 'remote') after each new record, for the link layer to send on,
 * and 'floor' ({ meetingId, room, elsewhere }) when the floor moves to or from another room.
 */
/** Where the floor is, as the room mute's follower hears it. */
interface FloorMove {
  meetingId: string;
  /** `site/room` of the speaker, null when nobody has the floor. */
  room: string | null;
  /** The speaker sits in another room. */
  elsewhere: boolean;
}

type ConversationEvents = {
  record: [ConversationRecord, 'local' | 'remote'];
  floor: [FloorMove];
};

export class ConversationService extends TypedBus<ConversationEvents> {
  private readonly states = new Map<string, ConversationState>();
  /** The latest record folded into each cached state: a record after it is applied on top, one before it folds everything again. */
  private readonly lastFolded = new Map<string, ConversationRecord>();
  private readonly floorElsewhere = new Map<string, boolean>();

  constructor(private readonly deps: ConversationDeps) {
    super(deps.log);
  }

  /** The folded state of a meeting's conversation. */
  state(meetingId: string): ConversationState {
    let state = this.states.get(meetingId);
    if (!state) {
      const records = this.deps.records.list(meetingId);
      state = foldRecords(records);
      // A year of meetings is not kept in memory: the oldest folded state goes (it folds again from the store when asked).
      if (this.states.size >= STATES_KEPT) {
        const oldest = this.states.keys().next().value as string;
        this.states.delete(oldest);
        this.lastFolded.delete(oldest);
      }
      this.states.set(meetingId, state);
      const last = records.at(-1);
      if (last) this.lastFolded.set(meetingId, last);
    }
    return state;
  }

  view(meetingId: string, hidden: boolean): ConversationView {
    return conversationView(this.state(meetingId), this.deps.clock.now(), hidden);
  }

  /** Every record of a meeting (for a linked room catching up after an outage). */
  records(meetingId: string): ConversationRecord[] {
    return this.deps.records.list(meetingId);
  }

  /** Who had the floor, in order, with their times (the minutes list it). */
  spokenOrder(meetingId: string): SpokenTurn[] {
    return [...this.state(meetingId).spoken];
  }

  raiseHand(meetingId: string, who: Person): HandView {
    const m = this.running(meetingId);
    const person = checkedInPerson(this.deps.checkIns.list(m.id), who);
    // Raised and lowered again and again, hands would be records without end: bounded per meeting.
    assertMeetingHolds(m.id, 'hands', this.state(m.id).hands.length);
    const handId = randomUUID();
    this.record(m.id, { kind: 'hand.raised', handId, who: speakerRef(m.id, person) });
    return this.view(m.id, false).floor.queue.find((h) => h.handId === handId)!;
  }

  lowerHand(meetingId: string, handId: string): FloorView {
    const m = this.running(meetingId);
    this.record(m.id, { kind: 'hand.lowered', handId });
    return this.view(m.id, false).floor;
  }

  /**
   * Gives the floor to a raised hand, or with `next` to whoever is next: the current agenda
   * item's named speakers in their order, then the raised hands, first raised first. With
   * nobody left, `next` ends the current turn.
   */
  giveFloor(meetingId: string, to: { handId: string } | { next: true }): FloorView {
    const m = this.running(meetingId);
    const state = this.state(m.id);
    const toHand = (hand: ConversationState['hands'][number]): FloorGiven => ({
      handId: hand.handId,
      speaker: hand.who,
      speakerRoom: hand.room,
      minutes: this.deps.speakerMinutes,
      agendaPosition: null,
    });
    let given: FloorGiven | null;
    if ('handId' in to) {
      const hand = state.hands.find((h) => h.handId === to.handId && h.status === 'waiting');
      if (!hand) throw new RoomctlError('ROOMCTL_E_HAND_NOT_FOUND', `Hand ${to.handId} is not waiting in the queue`);
      given = toHand(hand);
    } else {
      const named = this.nextNamedSpeaker(m.id, state);
      const hand = queueOf(state)[0];
      if (named) given = { handId: null, speaker: named.speaker, speakerRoom: this.deps.room, minutes: named.minutes, agendaPosition: named.position };
      else given = hand ? toHand(hand) : null;
    }
    const floorId = randomUUID();
    if (given) this.record(m.id, { kind: 'floor.given', floorId, ...given });
    else if (state.floor) this.record(m.id, { kind: 'floor.released', floorId: state.floor.floorId });
    return this.view(m.id, false).floor;
  }

  openPoll(meetingId: string, question: string, options: readonly string[] | undefined): PollView {
    const m = this.running(meetingId);
    const list = options?.length ? options.map((o) => o.trim()) : [...YES_NO_ABSTAIN];
    if (new Set(list).size !== list.length || list.some((o) => !o))
      throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'The options of a poll must be different and not empty', { options: list });
    assertMeetingHolds(m.id, 'polls', this.state(m.id).polls.length);
    const pollId = randomUUID();
    this.record(m.id, { kind: 'poll.opened', pollId, question: question.trim(), options: list });
    return this.poll(pollId).view;
  }

  /** One vote by a checked-in person; a second one is refused (ROOMCTL_E_ALREADY_VOTED), never a change. */
  vote(pollId: string, option: string, voter: Person): PollView {
    const { meetingId } = this.poll(pollId);
    this.running(meetingId);
    const person = checkedInPerson(this.deps.checkIns.list(meetingId), voter);
    this.record(meetingId, { kind: 'vote.cast', pollId, option, voter: speakerRef(meetingId, person).key });
    return this.poll(pollId).view;
  }

  /** The chair's show of hands in this room; entering it again corrects it (the room's latest count stands). */
  countHands(pollId: string, counts: Record<string, number>): PollView {
    const { meetingId } = this.poll(pollId);
    this.running(meetingId);
    // Entered again and again, the count would be records without end: bounded per poll.
    const entered = this.deps.records.list(meetingId).filter((r) => r.kind === 'hands.counted' && r.pollId === pollId).length;
    assertMeetingHolds(meetingId, 'handCounts', entered);
    this.record(meetingId, { kind: 'hands.counted', pollId, counts });
    return this.poll(pollId).view;
  }

  closePoll(pollId: string): PollView {
    const { meetingId } = this.poll(pollId);
    this.running(meetingId);
    this.record(meetingId, { kind: 'poll.closed', pollId });
    return this.poll(pollId).view;
  }

  /** The meeting ends: open polls close (their counts go to the minutes) and the current turn ends. */
  wrapUp(meetingId: string): void {
    const state = this.state(meetingId);
    for (const p of state.polls) if (!p.closedAt) this.record(meetingId, { kind: 'poll.closed', pollId: p.pollId });
    if (state.floor) this.record(meetingId, { kind: 'floor.released', floorId: state.floor.floorId });
  }

  /**
   * A record made in a linked room (the link layer's entry point). Stored once by its id; the
   * state is folded again from every record in (at, id) order, so late and out-of-order
   * arrivals end in the same state in every room. Returns false for a record already here.
   */
  apply(record: ConversationRecord): boolean {
    if (!this.deps.meetings.get(record.meetingId)) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${record.meetingId}" in this room`);
    const before = this.state(record.meetingId);
    // Another room's hands and polls count toward what the meeting holds, as this room's do.
    if (record.kind === 'hand.raised' && !before.hands.some((h) => h.handId === record.handId))
      assertMeetingHolds(record.meetingId, 'hands', before.hands.length);
    if (record.kind === 'poll.opened' && !before.polls.some((p) => p.pollId === record.pollId))
      assertMeetingHolds(record.meetingId, 'polls', before.polls.length);
    if (!this.deps.records.insert(record)) return false;
    const last = this.lastFolded.get(record.meetingId);
    // In order (the usual case): one step. Late (a room that was cut off): the whole log, in order, again.
    const state = last && byTimeThenId(last, record) < 0 ? applyRecord(before, record).state : foldRecords(this.deps.records.list(record.meetingId));
    this.states.set(record.meetingId, state);
    if (!last || byTimeThenId(last, record) < 0) this.lastFolded.set(record.meetingId, record);
    this.after(record, before, state, 'remote');
    return true;
  }

  /** Speaker-time warnings for the running meeting, on the room's clock (the meeting rules call this on each tick). */
  tick(meetingId: string): void {
    const m = this.deps.meetings.get(meetingId);
    const floor = m?.status === 'in_progress' ? this.state(meetingId).floor : null;
    if (!m || !floor) return;
    const now = this.deps.clock.now();
    const used = ((now.getTime() - Date.parse(floor.since)) / (floor.minutes * 60_000)) * 100;
    for (const percent of [...this.deps.warningPercents].sort((a, b) => a - b)) {
      if (used >= percent && this.deps.meetings.mark(m.id, `floor.${floor.floorId}.${percent}`, now)) {
        this.deps.changed({ kind: 'speaker-warning', meetingId: m.id, percent, name: m.confidentiality === 'confidential' ? null : floor.speaker.name });
      }
    }
  }

  private record(meetingId: string, change: ConversationChange): ConversationRecord {
    // Records are ordered by time: one made here always comes after every record the meeting has (two within a millisecond too).
    const last = this.deps.records.lastAt(meetingId);
    const at = new Date(Math.max(this.deps.clock.now().getTime(), last ? Date.parse(last) + 1 : 0)).toISOString();
    const record = { id: randomUUID(), meetingId, room: this.deps.room, at, ...change } as ConversationRecord;
    const before = this.state(meetingId);
    const out = applyRecord(before, record);
    if (out.refusal) throw new RoomctlError(REFUSAL_CODES[out.refusal.code], out.refusal.message);
    this.deps.records.insert(record);
    this.states.set(meetingId, out.state);
    this.lastFolded.set(meetingId, record);
    this.after(record, before, out.state, 'local');
    return record;
  }

  private after(record: ConversationRecord, before: ConversationState, state: ConversationState, origin: 'local' | 'remote'): void {
    const { meetingId } = record;
    const poll = 'pollId' in record ? state.polls.find((p) => p.pollId === record.pollId) : undefined;
    const was = poll && before.polls.find((p) => p.pollId === poll.pollId);
    // A poll that closed now, or a closed one whose count a late record changed.
    if (poll?.closedAt && (!was?.closedAt || JSON.stringify(tallyOf(was)) !== JSON.stringify(tallyOf(poll))))
      this.decide(meetingId, poll.pollId, pollDecision(poll.question, poll.options, tallyOf(poll)), poll.closedAt);
    const elsewhere = state.floor !== null && state.floor.room !== this.deps.room;
    if (elsewhere !== (this.floorElsewhere.get(meetingId) ?? false)) {
      this.floorElsewhere.set(meetingId, elsewhere);
      this.emit('floor', { meetingId, room: state.floor?.room ?? null, elsewhere });
    }
    this.emit('record', record, origin);
    this.deps.changed();
  }

  /** The meeting a poll belongs to (the poll routes carry only the poll's id). */
  meetingOfPoll(pollId: string): string | undefined {
    const meetingId = this.deps.records.meetingOf(pollId);
    return meetingId && this.state(meetingId).polls.some((p) => p.pollId === pollId) ? meetingId : undefined;
  }

  /**
   * A closed poll's decision in the minutes, once under `poll:<id>`. A linked room's vote cast
   * before the close but arriving after it changes the count: the decision follows until the
   * minutes have gone out.
   */
  private decide(meetingId: string, pollId: string, text: string, closedAt: string): void {
    const id = `poll:${pollId}`;
    if (this.deps.minutes.addEntryOnce(id, meetingId, 'decision', text, 'poll', new Date(closedAt))) return;
    if (this.deps.minutes.entry(id)?.text !== text && !this.deps.minutes.storedMinutes(meetingId)?.sentAt) this.deps.minutes.updateEntry(id, text);
  }

  private poll(pollId: string): { meetingId: string; view: PollView } {
    const meetingId = this.deps.records.meetingOf(pollId);
    const poll = meetingId ? this.state(meetingId).polls.find((p) => p.pollId === pollId) : undefined;
    if (!meetingId || !poll) throw new RoomctlError('ROOMCTL_E_POLL_NOT_FOUND', `No poll "${pollId}" in this room`);
    return { meetingId, view: pollView(poll, false) };
  }

  private running(meetingId: string): Meeting {
    const m = this.deps.meetings.get(meetingId);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    if (m.status !== 'in_progress')
      throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${meetingId} is ${m.status}; the floor and polls are open while it runs`);
    return m;
  }

  private nextNamedSpeaker(
    meetingId: string,
    state: ConversationState,
  ): { speaker: { name: string; key: string }; minutes: number; position: number } | undefined {
    const item = this.deps.agenda.list(meetingId).find((i) => i.startedAt && !i.endedAt);
    const given = new Set([...state.spoken, ...(state.floor ? [state.floor] : [])].map((t) => t.speaker.key));
    const index = (item?.speakers ?? []).findIndex((_, i) => !given.has(`agenda-${item!.position}-${i}`));
    if (!item || index < 0) return undefined;
    const s = item.speakers![index]!;
    return { speaker: { name: s.name, key: `agenda-${item.position}-${index}` }, minutes: s.minutes, position: item.position };
  }
}
