/**
 * What the panel, the phone page and the API see of the conversation (type-only for the
 * panel). A confidential meeting shown to a reader without a room credential keeps its
 * names and questions hidden: the public stream carries only counts.
 */
import { queueOf, tallyOf, type ConversationState, type PollState } from './conversation-reducer.js';
import { pollOutcome } from './poll-outcome.js';

export interface HandView {
  handId: string;
  /** null when hidden (confidential) */
  name: string | null;
  /** `site/room` the hand was raised in */
  room: string;
  raisedAt: string;
}

export interface SpeakingView {
  floorId: string;
  handId: string | null;
  name: string | null;
  room: string;
  since: string;
  minutes: number;
  agendaPosition: number | null;
  /** Seconds of the speaker's time left as of the view (negative: over time). */
  remainingSeconds: number;
}

export interface FloorView {
  queue: HandView[];
  speaking: SpeakingView | null;
}

export interface PollView {
  pollId: string;
  /** null when hidden (confidential) */
  question: string | null;
  options: string[];
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  /** Per option: phone votes plus each room's show of hands. */
  counts: Record<string, number>;
  /** How many people voted by phone. */
  votes: number;
  /** Each room's show of hands, as the chair entered it. */
  roomCounts: { room: string; counts: Record<string, number> }[];
  /** "Approved 7–2, 1 abstained", once closed. */
  outcome: string | null;
}

export interface ConversationView {
  floor: FloorView;
  polls: PollView[];
}

export const EMPTY_CONVERSATION_VIEW: ConversationView = { floor: { queue: [], speaking: null }, polls: [] };

export function conversationView(state: ConversationState, now: Date, hidden: boolean): ConversationView {
  const f = state.floor;
  return {
    floor: {
      queue: queueOf(state).map((h) => ({ handId: h.handId, name: hidden ? null : h.who.name, room: h.room, raisedAt: h.raisedAt })),
      speaking: f
        ? {
            floorId: f.floorId,
            handId: f.handId,
            name: hidden ? null : f.speaker.name,
            room: f.room,
            since: f.since,
            minutes: f.minutes,
            agendaPosition: f.agendaPosition,
            remainingSeconds: Math.round((f.minutes * 60_000 - (now.getTime() - Date.parse(f.since))) / 1000),
          }
        : null,
    },
    polls: state.polls.map((p) => pollView(p, hidden)),
  };
}

export function pollView(p: PollState, hidden: boolean): PollView {
  const counts = tallyOf(p);
  return {
    pollId: p.pollId,
    question: hidden ? null : p.question,
    options: [...p.options],
    status: p.closedAt ? 'closed' : 'open',
    openedAt: p.openedAt,
    closedAt: p.closedAt,
    counts,
    votes: p.votes.size,
    roomCounts: Object.entries(p.roomCounts).map(([room, c]) => ({ room, counts: { ...c.counts } })),
    outcome: p.closedAt ? pollOutcome(p.options, counts) : null,
  };
}
