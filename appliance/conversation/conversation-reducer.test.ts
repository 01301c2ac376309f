import { describe, expect, it } from 'vitest';
import type { ConversationChange, ConversationRecord } from './conversation-records.js';
import { applyRecord, EMPTY_CONVERSATION, foldRecords, queueOf, tallyOf, type ConversationState } from './conversation-reducer.js';

let seq = 0;
const at = (second: number) => new Date(Date.UTC(2026, 11, 7, 9, 0, second)).toISOString();
const rec = (change: ConversationChange, second: number, room = 'hq/aurora'): ConversationRecord => ({
  id: `r-${++seq}`,
  meetingId: 'm1',
  room,
  at: at(second),
  ...change,
});
const ann = { name: 'Ann', key: 'k-ann' };
const bo = { name: 'Bo', key: 'k-bo' };

const poll = (): ConversationRecord[] => [rec({ kind: 'poll.opened', pollId: 'p1', question: 'Approve the budget?', options: ['yes', 'no', 'abstain'] }, 1)];
const apply = (records: readonly ConversationRecord[]) =>
  records.reduce<{ state: ConversationState; refusals: string[] }>(
    (acc, r) => {
      const out = applyRecord(acc.state, r);
      return { state: out.state, refusals: out.refusal ? [...acc.refusals, out.refusal.code] : acc.refusals };
    },
    { state: EMPTY_CONVERSATION, refusals: [] },
  );

describe('the conversation fold', () => {
  it('replays every record a second time (a broker outage, an echo) without counting anything twice', () => {
    const records = [
      ...poll(),
      rec({ kind: 'vote.cast', pollId: 'p1', option: 'yes', voter: 'v1' }, 2),
      rec({ kind: 'hand.raised', handId: 'h1', who: ann }, 3),
      rec({ kind: 'hands.counted', pollId: 'p1', counts: { yes: 4, no: 1 } }, 4, 'sz/lotus'),
    ];
    const once = apply(records);
    const twice = apply([...records, ...records]);
    expect(twice.refusals).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(tallyOf(twice.state.polls[0]!)).toEqual({ yes: 5, no: 1, abstain: 0 });
    expect(queueOf(twice.state)).toHaveLength(1);
    expect(applyRecord(once.state, records[1]!).state).toBe(once.state);
  });

  it('refuses a second vote by the same person, and keeps the first', () => {
    const { state, refusals } = apply([
      ...poll(),
      rec({ kind: 'vote.cast', pollId: 'p1', option: 'yes', voter: 'v1' }, 2),
      rec({ kind: 'vote.cast', pollId: 'p1', option: 'no', voter: 'v1' }, 3),
    ]);
    expect(refusals).toEqual(['already-voted']);
    expect(tallyOf(state.polls[0]!)).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  it('refuses a vote and a show of hands after the close, and an option the poll does not have', () => {
    const { state, refusals } = apply([
      ...poll(),
      rec({ kind: 'vote.cast', pollId: 'p1', option: 'maybe', voter: 'v1' }, 2),
      rec({ kind: 'poll.closed', pollId: 'p1' }, 3),
      rec({ kind: 'vote.cast', pollId: 'p1', option: 'yes', voter: 'v2' }, 4),
      rec({ kind: 'hands.counted', pollId: 'p1', counts: { yes: 3 } }, 5),
      rec({ kind: 'poll.closed', pollId: 'p1' }, 6),
    ]);
    expect(refusals).toEqual(['bad-option', 'poll-closed', 'poll-closed', 'poll-closed']);
    expect(state.polls[0]!.closedAt).toBe(at(3));
    expect(tallyOf(state.polls[0]!)).toEqual({ yes: 0, no: 0, abstain: 0 });
  });

  it("sums each room's show of hands once: a room's later count replaces its earlier one, in any arrival order", () => {
    const counts = [
      rec({ kind: 'hands.counted', pollId: 'p1', counts: { yes: 3, no: 2 } }, 2, 'hq/aurora'),
      rec({ kind: 'hands.counted', pollId: 'p1', counts: { yes: 4, no: 1 } }, 3, 'hq/aurora'),
      rec({ kind: 'hands.counted', pollId: 'p1', counts: { yes: 2, abstain: 1 } }, 4, 'sz/lotus'),
    ];
    const inOrder = apply([...poll(), ...counts]).state;
    const reversed = apply([...poll(), counts[2]!, counts[1]!, counts[0]!]).state;
    expect(tallyOf(inOrder.polls[0]!)).toEqual({ yes: 6, no: 1, abstain: 1 });
    expect(tallyOf(reversed.polls[0]!)).toEqual({ yes: 6, no: 1, abstain: 1 });
  });

  it('reaches the same state from the same records whatever order they came in', () => {
    const records = [
      ...poll(),
      rec({ kind: 'vote.cast', pollId: 'p1', option: 'no', voter: 'v1' }, 2),
      rec({ kind: 'poll.closed', pollId: 'p1' }, 3),
      rec({ kind: 'vote.cast', pollId: 'p1', option: 'yes', voter: 'v2' }, 4),
    ];
    const a = foldRecords(records);
    const b = foldRecords([...records].reverse());
    expect(tallyOf(b.polls[0]!)).toEqual(tallyOf(a.polls[0]!));
    expect(tallyOf(a.polls[0]!)).toEqual({ yes: 0, no: 1, abstain: 0 });
  });

  it('never changes the state it starts from (a fold from a cached state leaves the cache as it was)', () => {
    const opened = foldRecords(poll());
    const later = foldRecords(
      [rec({ kind: 'vote.cast', pollId: 'p1', option: 'yes', voter: 'v1' }, 2), rec({ kind: 'vote.cast', pollId: 'p1', option: 'no', voter: 'v2' }, 3)],
      opened,
    );
    expect(tallyOf(later.polls[0]!)).toEqual({ yes: 1, no: 1, abstain: 0 });
    expect(tallyOf(opened.polls[0]!)).toEqual({ yes: 0, no: 0, abstain: 0 });
    expect(opened.seen.size).toBe(1);
  });

  it('keeps the queue in order: the floor goes to a hand, the turn ends with the next one, a hand is raised once', () => {
    const { state, refusals } = apply([
      rec({ kind: 'hand.raised', handId: 'h1', who: ann }, 1),
      rec({ kind: 'hand.raised', handId: 'h2', who: bo }, 2, 'sz/lotus'),
      rec({ kind: 'hand.raised', handId: 'h3', who: ann }, 3),
      rec({ kind: 'floor.given', floorId: 'f1', handId: 'h1', speaker: ann, speakerRoom: 'hq/aurora', minutes: 3, agendaPosition: null }, 4),
      rec({ kind: 'floor.given', floorId: 'f2', handId: 'h2', speaker: bo, speakerRoom: 'sz/lotus', minutes: 3, agendaPosition: null }, 100),
      rec({ kind: 'hand.lowered', handId: 'h2' }, 101),
    ]);
    expect(refusals).toEqual(['hand-already-raised', 'hand-not-found']);
    expect(state.floor).toMatchObject({ floorId: 'f2', room: 'sz/lotus', speaker: bo });
    expect(state.spoken).toEqual([expect.objectContaining({ floorId: 'f1', since: at(4), until: at(100) })]);
    expect(queueOf(state)).toEqual([]);
    expect(state.hands.map((h) => h.status)).toEqual(['spoken', 'speaking']);
  });
});
