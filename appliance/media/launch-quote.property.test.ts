import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadGstreamer } from './gst-binding.js';
import { quoteLaunchValue, UnquotableValueError } from './launch-quote.js';

/**
 * The escaper against the real parser (gst_parse_launch through gstreamer-superficial):
 * every string is either refused, or lands byte for byte in one property of one element,
 * with no element added and the element after it still there. Fragments of the launch
 * syntax are mixed in so the runs spend their time on the dangerous shapes.
 */
const gst = loadGstreamer();

const SYNTAX = [
  '"',
  '\\',
  '\\"',
  "'",
  ' ',
  '!',
  '=',
  '.',
  ',',
  ';',
  '{',
  '}',
  '(',
  ')',
  't.',
  ' ! fakesink name=evil ',
  '" ! fakesink name=evil "',
  'name=evil',
  'NULL',
  '%',
  '\n',
  '\t',
  '\u0000',
  'é',
  '中',
  '\ud83d\ude00',
  '\ud800',
];
const launchish = fc.array(fc.oneof(fc.constantFrom(...SYNTAX), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));
const anyString = fc.oneof(launchish, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

function parsesTo(value: string): { location: unknown; evil: boolean; canary: boolean } {
  const pipeline = new gst.Pipeline(`fakesrc ! filesink name=probe async=false location=${quoteLaunchValue(value)}  fakesrc ! fakesink name=canary`);
  return {
    location: pipeline.findChild('probe')?.location,
    evil: pipeline.findChild('evil') !== undefined,
    canary: pipeline.findChild('canary') !== undefined,
  };
}

describe('quoteLaunchValue against gst_parse_launch', () => {
  it('refuses a value or keeps it whole, inside its own property', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        let quoted: string;
        try {
          quoted = quoteLaunchValue(value);
        } catch (err) {
          expect(err).toBeInstanceOf(UnquotableValueError);
          return;
        }
        expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
        expect(parsesTo(value)).toEqual({ location: value, evil: false, canary: true });
      }),
      { numRuns: Number(process.env.MEDIA_QUOTE_RUNS ?? 1500) },
    );
  });

  it('keeps the classic injection inside the value', () => {
    const attack = 'rtsp://cam/x" ! filesink location=/etc/x name=evil "';
    expect(parsesTo(attack)).toEqual({ location: attack, evil: false, canary: true });
  });

  it('refuses what the launch syntax cannot carry literally', () => {
    for (const value of ['ends in a backslash\\', '"starts with a quote', 'NULL', 'two\nlines', 'nul\u0000', 'lone \ud800 surrogate']) {
      expect(() => quoteLaunchValue(value)).toThrow(UnquotableValueError);
    }
  });
});
