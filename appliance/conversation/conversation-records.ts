/**
 * The conversation of a meeting — who asked for the floor, who has it, the polls and their
 * votes — as a log of records. Every change is one record with a globally unique id; the
 * state is the fold of the records (conversation-reducer.ts), so a record that arrives twice
 * (a replay after a broker outage, an echo from a linked room) changes nothing the second time.
 * This file imports nothing: linked rooms exchange exactly these shapes.
 */

/** Who is meant: a name for people to read (null when the meeting is confidential and the record leaves the room) and an opaque key to tell people apart. */
export interface SpeakerRef {
  name: string | null;
  /** Stable per person and meeting; never an email or a badge (a hash of them). */
  key: string;
}

interface RecordBase {
  /** Globally unique (a UUID): the record's identity everywhere it is replicated. */
  id: string;
  /** The meeting in the room that applies the record (a linked room maps its own). */
  meetingId: string;
  /** Where it happened, `site/room`. */
  room: string;
  /** ISO instant on the recording room's clock; the fold orders records by (at, id). */
  at: string;
}

export type ConversationChange =
  | { kind: 'hand.raised'; handId: string; who: SpeakerRef }
  | { kind: 'hand.lowered'; handId: string }
  /**
   * The floor goes to a raised hand or to a speaker the agenda names (handId null); the
   * previous holder's turn ends. `speakerRoom` (`site/room`) is where the speaker sits: the
   * other rooms may mute while they speak.
   */
  | { kind: 'floor.given'; floorId: string; handId: string | null; speaker: SpeakerRef; speakerRoom: string; minutes: number; agendaPosition: number | null }
  | { kind: 'floor.released'; floorId: string }
  | { kind: 'poll.opened'; pollId: string; question: string; options: string[] }
  /** One vote by one checked-in person (`voter` is their opaque key: counts only, never a name). */
  | { kind: 'vote.cast'; pollId: string; option: string; voter: string }
  /** A show of hands in `room`: the room's latest count replaces its earlier one, so it is summed once. */
  | { kind: 'hands.counted'; pollId: string; counts: Record<string, number> }
  | { kind: 'poll.closed'; pollId: string };

export type ConversationRecord = RecordBase & ConversationChange;

/** The options of a poll opened without a list. */
export const YES_NO_ABSTAIN: readonly string[] = ['yes', 'no', 'abstain'];

/** The hand or poll a record is about (the store indexes it to find a poll's meeting). */
export function subjectOf(record: ConversationChange): string {
  switch (record.kind) {
    case 'hand.raised':
    case 'hand.lowered':
      return record.handId;
    case 'floor.given':
    case 'floor.released':
      return record.floorId;
    default:
      return record.pollId;
  }
}

/**
 * The record as it may leave the room: a confidential meeting's records carry no names
 * (the queue elsewhere shows the room; votes are counts anyway). The link layer sends this.
 */
export function forOtherRooms(record: ConversationRecord, confidential: boolean): ConversationRecord {
  if (!confidential) return record;
  if (record.kind === 'hand.raised') return { ...record, who: { ...record.who, name: null } };
  if (record.kind === 'floor.given') return { ...record, speaker: { ...record.speaker, name: null } };
  return record;
}
