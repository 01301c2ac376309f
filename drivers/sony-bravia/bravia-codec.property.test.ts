import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS } from '../testing/fuzz.js';
import { BRAVIA_INPUTS, encodeBravia, inputOf, inputParam, numberOf, parseBravia, type BraviaInput, type BraviaType } from './bravia-codec.js';

const message = fc.record({
  type: fc.constantFrom<BraviaType>('C', 'E', 'A', 'N'),
  fn: fc.stringMatching(/^[A-Z]{4}$/),
  param: fc.oneof(fc.stringMatching(/^[0-9]{16}$/), fc.constantFrom('F'.repeat(16), 'N'.repeat(16), '#'.repeat(16))),
});

describe('BRAVIA codec properties', () => {
  it(
    'never throws on whatever a display (or anything on its network) sends, and reads only 23-character messages',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
          ),
          (line) => {
            const parsed = parseBravia(line);
            if (parsed) expect(line.length).toBe(23);
            numberOf(line.slice(0, 16));
            inputOf(line.slice(0, 16));
          },
        ),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every message it writes is 24 bytes and reads back as itself',
    () => {
      fc.assert(
        fc.property(message, (m) => {
          const wire = encodeBravia(m);
          expect(Buffer.byteLength(wire)).toBe(24);
          expect(parseBravia(wire.slice(0, -1))).toEqual(m);
        }),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('every input name survives the round trip through its parameter', () => {
    for (const name of Object.keys(BRAVIA_INPUTS) as BraviaInput[]) expect(inputOf(inputParam(name))).toBe(name);
  });
});
