import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS } from '../testing/fuzz.js';
import { DelimiterFramer } from './delimiter-framer.js';

const MAX = 48;

describe('DelimiterFramer properties', () => {
  it(
    'stays bounded and finds every short message however the bytes are chunked',
    () => {
      const input = fc.tuple(
        fc.constantFrom(0x00, 0x0a, 0x0d, 0x3e),
        fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 6 }),
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }),
      );
      fc.assert(
        fc.property(input, ([delimiter, messages, cuts]) => {
          const clean = messages.map((m) => m.filter((b) => b !== delimiter));
          const bytes = Buffer.concat(clean.flatMap((m) => [Buffer.from(m), Buffer.of(delimiter)]));
          const framer = new DelimiterFramer(delimiter, MAX);
          const out: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length]! + 1;
            out.push(...framer.push(bytes.subarray(at, at + size)));
            at += size;
            if (framer.buffered > MAX) return false;
          }
          // Overlong messages are dropped and counted; every short one comes out whole, in order.
          const expected = clean.filter((m) => m.length <= MAX).map((m) => Buffer.from(m).toString('hex'));
          return (
            out.map((b) => b.toString('hex')).join('|') === expected.join('|') && framer.discarded === clean.length - expected.length && framer.buffered === 0
          );
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
