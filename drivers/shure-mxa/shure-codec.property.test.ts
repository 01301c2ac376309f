import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS, anyText } from '../testing/fuzz.js';
import { gainRawToDb, parseShureMessage, type ShureMessage } from './shure-codec.js';

const NAMES = ['DEVICE_AUDIO_MUTE', 'AUDIO_MUTE', 'AUDIO_GAIN_HI_RES', 'PRESET', 'METER_RATE', 'DEV_LED_IN_STATE', 'MODEL'];
const plausible = fc.oneof(
  fc
    .tuple(fc.option(fc.integer({ min: 0, max: 8 })), fc.constantFrom(...NAMES), fc.constantFrom('ON', 'OFF', '1100', '01', '{MXA910  }', ''))
    .map(([ch, name, value]) => `< REP ${ch === null ? '' : `${String(ch).padStart(2, '0')} `}${name} ${value} `),
  fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 9 }).map((l) => `< SAMPLE ${l.map((v) => String(v).padStart(3, '0')).join(' ')} `),
  fc.constant('< REP ERR '),
);

function wellFormed(m: ShureMessage): boolean {
  switch (m.kind) {
    case 'rep':
      return /^[A-Z][A-Z0-9_]*$/.test(m.name) && (m.channel === undefined || (m.channel >= 0 && m.channel <= 99)) && !/[\x00-\x1f<]/.test(m.value);
    case 'sample':
      return m.levels.length > 0 && m.levels.every((l) => Number.isInteger(l) && l >= -60 && l <= 939);
    case 'error':
      return true;
    case 'invalid':
      return typeof m.reason === 'string';
  }
}

describe('Shure codec properties', () => {
  it(
    'parseShureMessage never throws and always says what it saw',
    () => {
      fc.assert(
        fc.property(anyText(plausible), (text) => wellFormed(parseShureMessage(text))),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'a REP built from fields parses back to the same fields',
    () => {
      fc.assert(
        fc.property(fc.option(fc.integer({ min: 0, max: 99 })), fc.constantFrom(...NAMES), fc.stringMatching(/^[A-Z0-9]{1,8}$/), (channel, name, value) => {
          const m = parseShureMessage(`< REP ${channel === null ? '' : `${String(channel).padStart(2, '0')} `}${name} ${value} `);
          return m.kind === 'rep' && m.name === name && m.value === value && m.channel === (channel ?? undefined);
        }),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'gain raw text either maps into -110..+30 dB or is refused',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 6 }), (text) => {
          const db = gainRawToDb(text);
          return db === undefined || (db >= -110 && db <= 30);
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
