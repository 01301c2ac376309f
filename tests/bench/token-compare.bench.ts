/**
 * token-compare: how long TokenAuth.accepts takes for a right token and for wrong ones that
 * differ from it at the first or at the last character (same length), measured in
 * interleaved batches so machine noise hits every kind alike. Constant time means the
 * medians agree: the ratios stay near 1. Reference from the same run: a plain `===` on
 * 4 KiB strings, where the difference between "wrong at the start" and "wrong at the end"
 * is what a timing attack reads.
 */
import { randomBytes } from 'node:crypto';
import { TokenAuth } from '../../appliance/http/auth.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

function flip(s: string, at: number): string {
  return s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
}

/** Median ns per call of each candidate, from `rounds` interleaved batches of `batch` calls. */
function measure(check: (candidate: string) => boolean, candidates: Record<string, string>, rounds: number, batch: number): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (const [kind, candidate] of Object.entries(candidates)) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) if (check(candidate)) sink++;
      samples[kind]!.push(Number(process.hrtime.bigint() - t0) / batch);
    }
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the calls from being optimised away
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v).p50]));
}

const bench: Benchmark = {
  name: 'token-compare',
  async run({ quick }) {
    const rounds = quick ? 200 : 1000;
    const token = randomBytes(24).toString('base64url');
    const auth = new TokenAuth([token]);
    const tokens = measure((c) => auth.accepts(c), { right: token, wrong_first: flip(token, 0), wrong_last: flip(token, token.length - 1) }, rounds, 200);
    const long = 'x'.repeat(4096);
    const naive = measure((c) => c === long, { wrong_first: flip(long, 0), wrong_last: flip(long, long.length - 1) }, rounds, 2000);
    const spread = Math.max(tokens.right!, tokens.wrong_first!, tokens.wrong_last!) / Math.min(tokens.right!, tokens.wrong_first!, tokens.wrong_last!);
    return {
      name: 'token-compare',
      figures: {
        right_ns: round(tokens.right!, 1),
        wrong_first_ns: round(tokens.wrong_first!, 1),
        wrong_last_ns: round(tokens.wrong_last!, 1),
        max_over_min: round(spread),
        ref_naive_4k_wrong_first_ns: round(naive.wrong_first!, 1),
        ref_naive_4k_wrong_last_ns: round(naive.wrong_last!, 1),
        ref_naive_last_over_first: round(naive.wrong_last! / naive.wrong_first!),
      },
      units: {
        right_ns: 'ns',
        wrong_first_ns: 'ns',
        wrong_last_ns: 'ns',
        max_over_min: 'ratio',
        ref_naive_4k_wrong_first_ns: 'ns',
        ref_naive_4k_wrong_last_ns: 'ns',
        ref_naive_last_over_first: 'ratio',
      },
      targets: { max_over_min: { max: 1.15 } },
      notes:
        `Medians of ${rounds} interleaved batches per candidate (a 32-character token; SHA-256 of both sides, then crypto.timingSafeEqual).\n` +
        'ref_naive: `===` on 4 KiB strings in the same run, wrong at the first vs the last character — the gap a timing attack reads.',
    };
  },
};

export default bench;
