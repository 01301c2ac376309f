import { describe, expect, it } from 'vitest';
import { control, encodeBravia, enquiry, inputOf, inputParam, numberOf, numberParam, parseBravia } from './bravia-codec.js';

describe('BRAVIA Simple IP codec, against the examples of the protocol description', () => {
  it('power on is *SCPOWR0000000000000001 and an enquiry carries sixteen #', () => {
    expect(encodeBravia(control('POWR', numberParam(1)))).toBe('*SCPOWR0000000000000001\n');
    expect(encodeBravia(enquiry('POWR'))).toBe('*SEPOWR################\n');
    expect(Buffer.byteLength(encodeBravia(enquiry('VOLU')))).toBe(24);
  });

  it('HDMI 2 is kind 1, number 2; component 1 is kind 4', () => {
    expect(inputParam('hdmi2')).toBe('0000000100000002');
    expect(inputOf('0000000400000001')).toBe('component1');
    expect(inputOf('0000000900000001')).toBeUndefined();
    expect(inputOf('NNNNNNNNNNNNNNNN')).toBeUndefined();
  });

  it('reads answers and notifications; refuses what is not one message', () => {
    expect(parseBravia('*SAVOLU0000000000000025')).toEqual({ type: 'A', fn: 'VOLU', param: '0000000000000025' });
    expect(parseBravia('*SNPOWR0000000000000000')).toEqual({ type: 'N', fn: 'POWR', param: '0000000000000000' });
    expect(numberOf('FFFFFFFFFFFFFFFF')).toBeUndefined();
    for (const bad of ['', '*SAVOLU000000000000002', '*SXVOLU0000000000000025', 'SAVOLU00000000000000255', '*SAvolu0000000000000025'])
      expect(parseBravia(bad)).toBeUndefined();
  });

  it('refuses to encode what the display would not read', () => {
    expect(() => encodeBravia(control('POW', numberParam(1)))).toThrow(RangeError);
    expect(() => numberParam(-1)).toThrow(RangeError);
  });
});
