import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS, anyText, mutatedBytes } from '../testing/fuzz.js';
import { IAC, TelnetFilter } from './telnet-codec.js';
import { formatTtpValue, parseTtpLine, type TtpLine } from './tesira-codec.js';

const plausible = fc.oneof(
  fc.constantFrom(
    '+OK',
    '+OK "value":-10.000000',
    '+OK "value":true',
    '-ERR address not found: {}',
    'Welcome to the Tesira Text Protocol Server...',
    '+OK "list":["A" "B"]',
  ),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/), fc.oneof(fc.double({ noNaN: true, min: -100, max: 12 }), fc.boolean()))
    .map(([t, v]) => `! "publishToken":"${t}" "value":${formatTtpValue(v)}`),
);

function wellFormed(l: TtpLine): boolean {
  switch (l.kind) {
    case 'ok':
      return l.value === undefined || ['number', 'boolean', 'string'].includes(typeof l.value);
    case 'error':
      return l.message.length > 0;
    case 'publish':
      return l.token.length > 0 && l.token.length <= 64 && !l.token.includes('"');
    case 'banner':
      return true;
    case 'other':
      return typeof l.line === 'string';
  }
}

describe('TTP and telnet properties', () => {
  it(
    'parseTtpLine never throws and always says what it saw',
    () => {
      fc.assert(
        fc.property(anyText(plausible), (line) => wellFormed(parseTtpLine(line))),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'a publish line carries its token and value back unchanged',
    () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/), fc.oneof(fc.integer({ min: -100, max: 12 }), fc.boolean()), (token, value) => {
          const l = parseTtpLine(`! "publishToken":"${token}" "value":${formatTtpValue(value)}`);
          return l.kind === 'publish' && l.token === token && l.value === value;
        }),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'the telnet filter never throws, never grows, and only ever answers WONT/DONT',
    () => {
      const frames = mutatedBytes(
        fc.array(fc.constantFrom(IAC, 251, 252, 253, 254, 250, 240, 24, 1, 0x41, 0x0a), { maxLength: 40 }).map((a) => Uint8Array.from(a)),
      );
      fc.assert(
        fc.property(fc.array(frames, { maxLength: 4 }), (chunks) => {
          const filter = new TelnetFilter();
          for (const chunk of chunks) {
            const out = filter.push(chunk);
            if (out.data.length > chunk.length) return false;
            for (let i = 0; i < out.replies.length; i += 3) {
              if (out.replies[i] !== IAC || (out.replies[i + 1] !== 252 && out.replies[i + 1] !== 254)) return false;
            }
          }
          return true;
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
