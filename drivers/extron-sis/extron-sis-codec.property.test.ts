import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS } from '../testing/fuzz.js';
import { EXTRON_MAX_LINE, parseSisLine, sisReply, type NumberStyle } from './extron-sis-codec.js';

describe('Extron SIS codec properties', () => {
  it(
    'never throws on whatever a switcher (or anything on its network) sends, and keeps at most 60 characters of a line it cannot read',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ maxLength: EXTRON_MAX_LINE }),
            fc.uint8Array({ maxLength: EXTRON_MAX_LINE }).map((b) => Buffer.from(b).toString('latin1')),
          ),
          (line) => {
            const parsed = parseSisLine(line);
            if (parsed.kind === 'unknown') expect(parsed.line.length).toBeLessThanOrEqual(60);
          },
        ),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every tie a switcher writes, plain or zero-padded, reads back as the same output and input',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 128 }),
          fc.integer({ min: 0, max: 128 }),
          fc.constantFrom<NumberStyle>('plain', 'padded'),
          (output, input, style) => {
            const line = sisReply.tie(output, input, style).replace(/\r\n$/, '');
            expect(parseSisLine(line)).toEqual({ kind: 'tie', output, input, signal: 'All' });
            expect(parseSisLine(sisReply.all(input, style).replace(/\r\n$/, ''))).toEqual({ kind: 'all', input, signal: 'All' });
          },
        ),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
