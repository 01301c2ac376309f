import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_CASES as CASES, FUZZ_TIMEOUT_MS as TIMEOUT_MS } from '../testing/fuzz.js';
import { LineFramer, parseGreeting, parseResponse, type PjlinkResponse } from './pjlink-codec.js';

/**
 * Whatever a display sends, the codec answers with a value and never throws, and the framer
 * never holds more than its bound. Cases per property as every parser's property tests have
 * them (drivers/testing/fuzz.ts).
 */
const MAX_LINE = 64;

const COMMANDS = ['POWR', 'INPT', 'AVMT', 'ERST', 'LAMP', 'INST', 'NAME', 'INF1', 'INF2', 'INFO', 'CLSS', 'SVOL', 'MVOL'];
/** Lines that look like PJLink, so mutations land near the grammar rather than far from it. */
const plausibleLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('1', '2'),
      fc.constantFrom(...COMMANDS),
      fc.constantFrom('OK', 'ERR1', 'ERR2', 'ERR3', 'ERR4', '0', '1', '31', '000000', '1234 1', ''),
    )
    .map(([c, cmd, v]) => `%${c}${cmd}=${v}`),
  fc.constantFrom('PJLINK 0', 'PJLINK 1 498e4a67', 'PJLINK ERRA'),
);
const mutated = fc
  .tuple(plausibleLine, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 })), { maxLength: 4 }))
  .map(([line, edits]) => edits.reduce((s, [at, insert, remove]) => s.slice(0, at % (s.length + 1)) + insert + s.slice((at % (s.length + 1)) + remove), line));
const anyLine = fc.oneof(mutated, fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }));

const GREETING_KINDS = new Set(['open', 'auth', 'auth-failed', 'invalid']);

function wellFormed(r: PjlinkResponse): boolean {
  switch (r.kind) {
    case 'ok':
      return /^[A-Z0-9]{4}$/.test(r.command);
    case 'value':
      return /^[A-Z0-9]{4}$/.test(r.command) && !/[\x00-\x1f]/.test(r.value);
    case 'error':
      return ['ERR1', 'ERR2', 'ERR3', 'ERR4'].includes(r.error);
    case 'auth-failed':
      return true;
    case 'invalid':
      return typeof r.reason === 'string';
  }
}

describe('PJLink codec properties', () => {
  it(
    'parseResponse and parseGreeting never throw and always say what they saw',
    () => {
      fc.assert(
        // Plain booleans rather than expect(): a million expect() calls cost more than the parsing.
        fc.property(anyLine, (line) => wellFormed(parseResponse(line)) && GREETING_KINDS.has(parseGreeting(line).kind)),
        { numRuns: CASES },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a well-formed reply survives parsing: kind and command round-trip',
    () => {
      fc.assert(
        fc.property(
          plausibleLine.filter((l) => l.startsWith('%')),
          (line) => {
            const response = parseResponse(line);
            expect(response.kind).not.toBe('invalid');
            if (response.kind !== 'invalid' && response.kind !== 'auth-failed') expect(line.slice(2, 6)).toBe(response.command);
          },
        ),
        { numRuns: Math.min(CASES, 10_000) },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'the framer stays bounded and finds every short line however the bytes are chunked',
    () => {
      const chunked = fc.tuple(
        fc.array(fc.oneof(plausibleLine, mutated, fc.string({ unit: 'binary', maxLength: 200 })), { maxLength: 6 }),
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }),
      );
      fc.assert(
        fc.property(chunked, ([lines, cuts]) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\r`).join(''), 'utf8');
          const framer = new LineFramer(MAX_LINE);
          const out: string[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length]! + 1;
            out.push(...framer.push(bytes.subarray(at, at + size)));
            at += size;
            if (framer.buffered > MAX_LINE) return false;
          }
          // Garbage before a good line (overlong, CRs inside, binary) never eats that line.
          const good = lines.filter((l) => /^(%[12][A-Z0-9]{4}=|PJLINK )[^\r\n]*$/.test(l));
          const found = out.filter((l) => good.includes(l));
          return (
            found.length === good.length &&
            found.every((l, i) => l === good[i]) &&
            out.every((l) => !l.includes('\r') && Buffer.byteLength(l) <= MAX_LINE) &&
            framer.buffered === 0
          );
        }),
        { numRuns: CASES },
      );
    },
    TIMEOUT_MS,
  );
});
