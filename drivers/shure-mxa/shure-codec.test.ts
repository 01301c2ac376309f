import { describe, expect, it } from 'vitest';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { encodeGet, encodeSet, gainDbToRaw, gainRawToDb, parseShureMessage, unbrace } from './shure-codec.js';

describe('Shure command strings', () => {
  it('encodes GET and SET with two-digit lobes', () => {
    expect(encodeGet('DEVICE_AUDIO_MUTE')).toBe('< GET DEVICE_AUDIO_MUTE >');
    expect(encodeGet('AUDIO_MUTE', 0)).toBe('< GET 00 AUDIO_MUTE >');
    expect(encodeSet('AUDIO_GAIN_HI_RES', '1035', 3)).toBe('< SET 03 AUDIO_GAIN_HI_RES 1035 >');
    expect(() => encodeSet('PRESET', '1 > < SET FLASH ON')).toThrow(RangeError);
    expect(() => encodeGet('lower')).toThrow(RangeError);
  });

  it('parses REP with and without a lobe, padded names, SAMPLE and REP ERR', () => {
    expect(parseShureMessage('< REP DEVICE_AUDIO_MUTE ON ')).toEqual({ kind: 'rep', channel: undefined, name: 'DEVICE_AUDIO_MUTE', value: 'ON' });
    expect(parseShureMessage('< REP 07 AUDIO_GAIN_HI_RES 1100 ')).toEqual({ kind: 'rep', channel: 7, name: 'AUDIO_GAIN_HI_RES', value: '1100' });
    expect(parseShureMessage('< REP DEVICE_ID {Ceiling Array                  } ')).toMatchObject({ value: '{Ceiling Array                  }' });
    expect(parseShureMessage('< SAMPLE 060 030 000 ')).toEqual({ kind: 'sample', levels: [0, -30, -60] });
    expect(parseShureMessage('< REP ERR ')).toEqual({ kind: 'error' });
    expect(parseShureMessage('garbage')).toMatchObject({ kind: 'invalid' });
    expect(parseShureMessage('< SAMPLE 1234 ')).toMatchObject({ kind: 'invalid' });
  });

  it('converts gain between dB and the 0000..1400 raw scale', () => {
    expect(gainDbToRaw(0)).toBe('1100');
    expect(gainDbToRaw(-110)).toBe('0000');
    expect(gainDbToRaw(99)).toBe('1400');
    expect(gainRawToDb('1035')).toBe(-6.5);
    expect(gainRawToDb('1401')).toBeUndefined();
    expect(unbrace('{MXA910    }')).toBe('MXA910');
  });

  it('frames on > however the bytes are cut', () => {
    const framer = new DelimiterFramer(0x3e, 64);
    const out = [...framer.push(Buffer.from('< REP PRESET 0')), ...framer.push(Buffer.from('1 >< REP ERR >'))];
    expect(out.map((b) => b.toString())).toEqual(['< REP PRESET 01 ', '< REP ERR ']);
  });
});
