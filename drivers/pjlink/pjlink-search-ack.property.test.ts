import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS, anyText } from '../testing/fuzz.js';
import { parseSearchAck } from './pjlink-codec.js';

// Displays write the MAC in either case; the answer is read lower-case whatever it was.
const mac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((b) => b.map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(':'));

describe('PJLink search answer properties', () => {
  it(
    'never throws; anything accepted is a well-formed MAC; every real answer is accepted',
    () => {
      fc.assert(
        fc.property(
          anyText(
            mac.map((m) => `%2ACKN=${m}`),
            60,
          ),
          mac,
          (text, real) => {
            const got = parseSearchAck(text);
            return (got === undefined || /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(got)) && parseSearchAck(`%2ACKN=${real}\r`) === real.toLowerCase();
          },
        ),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
