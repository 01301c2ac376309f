import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS, anyText } from '../testing/fuzz.js';
import { encodeLgReply, parseLgReply } from './lg-codec.js';

const plausible = fc
  .tuple(fc.constantFrom('ka', 'kf', 'ke', 'xb'), fc.integer({ min: 0, max: 99 }), fc.boolean(), fc.integer({ min: 0, max: 255 }))
  .map(([c, id, ok, d]) => encodeLgReply(c, id, ok, d).slice(0, -1));

describe('LG codec properties', () => {
  it(
    'parseLgReply never throws and only returns bytes it read',
    () => {
      fc.assert(
        fc.property(anyText(plausible, 40), (text) => {
          const r = parseLgReply(text);
          return r.kind === 'invalid' || (r.data >= 0 && r.data <= 255 && r.setId >= 0 && r.setId <= 255 && /^[a-z]$/.test(r.command));
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every reply a display can send parses back to what it said',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom('ka', 'kf', 'ke', 'xb'),
          fc.integer({ min: 0, max: 99 }),
          fc.boolean(),
          fc.integer({ min: 0, max: 255 }),
          (c, id, ok, d) => {
            const r = parseLgReply(encodeLgReply(c, id, ok, d).slice(0, -1));
            return r.kind === (ok ? 'ok' : 'ng') && r.command === c[1] && r.setId === id && r.data === d;
          },
        ),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
