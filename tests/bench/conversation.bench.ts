/**
 * conversation: the floor and polls are a log of records folded by a pure reducer, and a room
 * folds a meeting's whole log again when a linked room's record arrives out of order. How
 * long that fold takes for a big meeting (every vote of 50 rooms), and what one vote costs
 * applied on its own (the in-order path of a local or linked-room vote). Reference from the
 * same run: JSON.parse of the same records as the store keeps them — the fold should cost a
 * few times reading them, not a power of them.
 */
import type { ConversationRecord } from '../../appliance/conversation/conversation-records.js';
import { applyRecord, foldRecords, tallyOf } from '../../appliance/conversation/conversation-reducer.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

function records(votes: number): ConversationRecord[] {
  const base = Date.UTC(2026, 0, 1);
  const at = (ms: number) => new Date(base + ms).toISOString();
  const out: ConversationRecord[] = [
    { id: 'open', meetingId: 'm', room: 'hq/r0', at: at(0), kind: 'poll.opened', pollId: 'p', question: 'Approve?', options: ['yes', 'no', 'abstain'] },
  ];
  for (let i = 0; i < votes; i++)
    out.push({
      id: `v${i}`,
      meetingId: 'm',
      room: `hq/r${i % 50}`,
      at: at(1 + i),
      kind: 'vote.cast',
      pollId: 'p',
      option: i % 3 === 0 ? 'no' : 'yes',
      voter: `k${i}`,
    });
  return out;
}

/** Median ms of `fn` over `rounds` runs. */
function median(fn: () => unknown, rounds: number): number {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summarize(samples).p50;
}

const bench: Benchmark = {
  name: 'conversation',
  async run({ quick }) {
    const votes = quick ? 2_000 : 5_000;
    const rounds = quick ? 5 : 15;
    const log = records(votes);
    const stored = log.map((r) => JSON.stringify(r));
    const folded = foldRecords(log);
    if (tallyOf(folded.polls[0]!).yes + tallyOf(folded.polls[0]!).no !== votes) throw new Error('the fold lost votes');
    const foldMs = median(() => foldRecords(log), rounds);
    const readMs = median(() => stored.map((s) => JSON.parse(s) as unknown), rounds);
    const before = foldRecords(log.slice(0, -1));
    const stepMs = median(() => applyRecord(before, log.at(-1)!), rounds * 20);
    return {
      name: 'conversation',
      figures: {
        records: log.length,
        fold_ms: round(foldMs),
        read_reference_ms: round(readMs),
        fold_vs_read: round(foldMs / readMs, 2),
        one_vote_on_top_ms: round(stepMs),
      },
      units: { records: '', fold_ms: 'ms', read_reference_ms: 'ms', fold_vs_read: '×', one_vote_on_top_ms: 'ms' },
      targets: { fold_vs_read: { max: 20 }, one_vote_on_top_ms: { max: 10 } },
      notes: `${votes} votes from 50 rooms in one poll; medians of ${rounds} folds`,
    };
  },
};

export default bench;
