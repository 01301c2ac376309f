import fc from 'fast-check';
import { describe, it } from 'vitest';
import { typedReports } from '../hid/recorded/rfid-badge-reader.js';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS } from '../testing/fuzz.js';
import { ManualClock } from '../testing/manual-clock.js';
import { KeyboardWedge } from './keyboard-wedge.js';

describe('keyboard wedge properties', () => {
  it(
    'any reports at all: never throws, every badge is within the length bounds',
    () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 10 }), { maxLength: 30 }), (reports) => {
          const badges: string[] = [];
          const clock = new ManualClock();
          const wedge = new KeyboardWedge((id) => badges.push(id), { clock, minLength: 3, maxLength: 16 });
          for (const r of reports) wedge.push(r);
          clock.advance(1000);
          return badges.every((b) => b.length >= 3 && b.length <= 16 && /^[A-Za-z0-9_-]+$/.test(b));
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'a typed card number always comes out exactly as typed',
    () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9]{4,20}$/), (digits) => {
          const badges: string[] = [];
          const wedge = new KeyboardWedge((id) => badges.push(id), { clock: new ManualClock() });
          for (const r of typedReports(`${digits}\n`)) wedge.push(r);
          return badges.length === 1 && badges[0] === digits;
        }),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
