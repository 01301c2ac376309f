/**
 * The pure fold of a meeting's conversation records. `applyRecord` never throws and never
 * mutates: a record it has seen (by id) returns the same state, and a record that breaks a
 * rule (a second vote, a vote after the close) is refused with a code and changes nothing.
 * `foldRecords` orders the records by (at, id) first, so every room holding the same set of
 * records, in whatever order they arrived, reaches the same state.
 */
import type { ConversationRecord, SpeakerRef } from './conversation-records.js';

type HandStatus = 'waiting' | 'lowered' | 'speaking' | 'spoken';

interface HandState {
  handId: string;
  who: SpeakerRef;
  room: string;
  raisedAt: string;
  status: HandStatus;
}

interface FloorState {
  floorId: string;
  handId: string | null;
  speaker: SpeakerRef;
  /** Where the speaker sits (`site/room`). */
  room: string;
  since: string;
  minutes: number;
  agendaPosition: number | null;
}

export interface SpokenTurn extends FloorState {
  until: string;
}

interface RoomCount {
  recordId: string;
  at: string;
  counts: Record<string, number>;
}

export interface PollState {
  pollId: string;
  question: string;
  options: string[];
  room: string;
  openedAt: string;
  closedAt: string | null;
  /** voter key → option */
  votes: ReadonlyMap<string, string>;
  /** room → its latest show of hands */
  roomCounts: Record<string, RoomCount>;
}

export interface ConversationState {
  seen: ReadonlySet<string>;
  hands: readonly HandState[];
  floor: FloorState | null;
  spoken: readonly SpokenTurn[];
  polls: readonly PollState[];
}

/** Why a record changed nothing; the service turns the code into its HTTP answer. */
export type Refusal = {
  code:
    | 'duplicate'
    | 'hand-not-found'
    | 'hand-already-raised'
    | 'poll-not-found'
    | 'poll-exists'
    | 'poll-closed'
    | 'already-voted'
    | 'bad-option'
    | 'floor-not-held';
  message: string;
};

interface Applied {
  state: ConversationState;
  refusal: Refusal | null;
}

export const EMPTY_CONVERSATION: ConversationState = { seen: new Set(), hands: [], floor: null, spoken: [], polls: [] };

const refuse = (state: ConversationState, code: Refusal['code'], message: string): Applied => ({ state, refusal: { code, message } });

/** Orders records the same way in every room. */
export function byTimeThenId(a: ConversationRecord, b: ConversationRecord): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function foldRecords(records: readonly ConversationRecord[], from: ConversationState = EMPTY_CONVERSATION): ConversationState {
  // The same as applying each record in turn, with one set of seen ids for the whole fold (not a copy per record).
  const seen = new Set(from.seen);
  // Polls this fold made itself: their votes grow in place, so a fold of n votes costs n steps, not n².
  const made = new WeakSet<PollState>();
  let state = from;
  for (const record of [...records].sort(byTimeThenId)) {
    if (seen.has(record.id)) continue;
    const out = change(state, record, made);
    if (out.refusal) continue;
    seen.add(record.id);
    state = out.state;
  }
  return { ...state, seen };
}

export function applyRecord(state: ConversationState, record: ConversationRecord): Applied {
  if (state.seen.has(record.id)) return refuse(state, 'duplicate', `Record ${record.id} was applied already`);
  const result = change(state, record, new WeakSet());
  if (result.refusal) return result;
  return { state: { ...result.state, seen: new Set(state.seen).add(record.id) }, refusal: null };
}

function change(state: ConversationState, r: ConversationRecord, made: WeakSet<PollState>): Applied {
  switch (r.kind) {
    case 'hand.raised': {
      if (state.hands.some((h) => h.handId === r.handId)) return refuse(state, 'duplicate', `Hand ${r.handId} exists`);
      if (state.hands.some((h) => h.who.key === r.who.key && (h.status === 'waiting' || h.status === 'speaking')))
        return refuse(state, 'hand-already-raised', 'This person already has a hand up');
      return ok({ ...state, hands: [...state.hands, { handId: r.handId, who: r.who, room: r.room, raisedAt: r.at, status: 'waiting' }] });
    }
    case 'hand.lowered': {
      const hand = state.hands.find((h) => h.handId === r.handId);
      if (!hand || hand.status !== 'waiting') return refuse(state, 'hand-not-found', `Hand ${r.handId} is not waiting in the queue`);
      return ok({ ...state, hands: withHand(state.hands, r.handId, 'lowered') });
    }
    case 'floor.given': {
      if (r.handId !== null && state.hands.find((h) => h.handId === r.handId)?.status !== 'waiting')
        return refuse(state, 'hand-not-found', `Hand ${r.handId} is not waiting in the queue`);
      const ended = endTurn(state, r.at);
      const floor: FloorState = {
        floorId: r.floorId,
        handId: r.handId,
        speaker: r.speaker,
        room: r.speakerRoom,
        since: r.at,
        minutes: r.minutes,
        agendaPosition: r.agendaPosition,
      };
      return ok({ ...ended, floor, hands: r.handId === null ? ended.hands : withHand(ended.hands, r.handId, 'speaking') });
    }
    case 'floor.released': {
      if (state.floor?.floorId !== r.floorId) return refuse(state, 'floor-not-held', `Turn ${r.floorId} is not the current one`);
      return ok(endTurn(state, r.at));
    }
    case 'poll.opened': {
      if (state.polls.some((p) => p.pollId === r.pollId)) return refuse(state, 'poll-exists', `Poll ${r.pollId} exists`);
      return ok({
        ...state,
        polls: [
          ...state.polls,
          { pollId: r.pollId, question: r.question, options: [...r.options], room: r.room, openedAt: r.at, closedAt: null, votes: new Map(), roomCounts: {} },
        ],
      });
    }
    case 'vote.cast':
    case 'hands.counted':
    case 'poll.closed': {
      const poll = state.polls.find((p) => p.pollId === r.pollId);
      if (!poll) return refuse(state, 'poll-not-found', `No poll ${r.pollId}`);
      if (poll.closedAt !== null) return refuse(state, 'poll-closed', 'The poll is closed');
      if (r.kind === 'poll.closed') return ok(withPoll(state, { ...poll, closedAt: r.at }));
      if (r.kind === 'vote.cast') {
        if (!poll.options.includes(r.option)) return refuse(state, 'bad-option', `"${r.option}" is not an option of this poll`);
        if (poll.votes.has(r.voter)) return refuse(state, 'already-voted', 'This person has voted in this poll');
        // A poll the input state holds is never changed: its copy takes the vote (and later ones in the same fold).
        if (made.has(poll)) {
          (poll.votes as Map<string, string>).set(r.voter, r.option);
          return ok(state);
        }
        const copy: PollState = { ...poll, votes: new Map(poll.votes).set(r.voter, r.option) };
        made.add(copy);
        return ok(withPoll(state, copy));
      }
      const unknown = Object.keys(r.counts).find((o) => !poll.options.includes(o));
      if (unknown !== undefined) return refuse(state, 'bad-option', `"${unknown}" is not an option of this poll`);
      // The room's latest count stands, whichever order the counts arrived in.
      const earlier = poll.roomCounts[r.room];
      if (earlier && (earlier.at > r.at || (earlier.at === r.at && earlier.recordId > r.id))) return ok(state);
      return ok(withPoll(state, { ...poll, roomCounts: { ...poll.roomCounts, [r.room]: { recordId: r.id, at: r.at, counts: { ...r.counts } } } }));
    }
  }
}

const ok = (state: ConversationState): Applied => ({ state, refusal: null });

function withHand(hands: readonly HandState[], handId: string, status: HandStatus): HandState[] {
  return hands.map((h) => (h.handId === handId ? { ...h, status } : h));
}

function withPoll(state: ConversationState, poll: PollState): ConversationState {
  return { ...state, polls: state.polls.map((p) => (p.pollId === poll.pollId ? poll : p)) };
}

function endTurn(state: ConversationState, at: string): ConversationState {
  const floor = state.floor;
  if (!floor) return state;
  return {
    ...state,
    floor: null,
    spoken: [...state.spoken, { ...floor, until: at }],
    hands: floor.handId ? withHand(state.hands, floor.handId, 'spoken') : state.hands,
  };
}

/** The hands waiting for the floor, first raised first. */
export function queueOf(state: ConversationState): HandState[] {
  return state.hands.filter((h) => h.status === 'waiting');
}

/** Each option's count: phone votes plus every room's latest show of hands, each counted once. */
export function tallyOf(poll: PollState): Record<string, number> {
  const tally: Record<string, number> = Object.fromEntries(poll.options.map((o) => [o, 0]));
  for (const option of poll.votes.values()) tally[option] = (tally[option] ?? 0) + 1;
  for (const count of Object.values(poll.roomCounts)) for (const [option, n] of Object.entries(count.counts)) tally[option] = (tally[option] ?? 0) + n;
  return tally;
}
