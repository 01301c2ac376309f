import { describe, expect, it } from 'vitest';
import {
  authDigest,
  describeErrorStatus,
  encodeCommand,
  encodeMute,
  isValidInputCode,
  parseErrorStatus,
  parseGreeting,
  parseInputList,
  parseLampStatus,
  parseMuteState,
  parsePowerState,
  parseResponse,
} from './pjlink-codec.js';

describe('PJLink codec: commands', () => {
  it('encodes class 1 and class 2 commands with a CR', () => {
    expect(encodeCommand({ pjlinkClass: 1, command: 'POWR', param: '1' })).toBe('%1POWR 1\r');
    expect(encodeCommand({ pjlinkClass: 2, command: 'SVOL', param: '1' })).toBe('%2SVOL 1\r');
    expect(encodeCommand({ pjlinkClass: 1, command: 'INPT', param: '?' })).toBe('%1INPT ?\r');
  });

  it('prefixes the MD5 of random + password (the spec example)', () => {
    // PJLink spec 5.1: random 498e4a67, password JBMIAProjectorLink.
    expect(authDigest('498e4a67', 'JBMIAProjectorLink')).toBe('5d8409bc1c3fa39749434aa3a5c38682');
    expect(encodeCommand({ pjlinkClass: 1, command: 'POWR', param: '?' }, { random: '498e4a67', password: 'JBMIAProjectorLink' })).toBe(
      '5d8409bc1c3fa39749434aa3a5c38682%1POWR ?\r',
    );
  });

  it('refuses to build a malformed command (our bug, not the device)', () => {
    expect(() => encodeCommand({ pjlinkClass: 1, command: 'pow', param: '1' })).toThrow(RangeError);
    expect(() => encodeCommand({ pjlinkClass: 1, command: 'NAME', param: 'a\rb' })).toThrow(RangeError);
  });
});

describe('PJLink codec: greeting', () => {
  it('tells open, authenticated and refused greetings apart', () => {
    expect(parseGreeting('PJLINK 0')).toEqual({ kind: 'open' });
    expect(parseGreeting('PJLINK 1 498e4a67')).toEqual({ kind: 'auth', random: '498e4a67' });
    expect(parseGreeting('PJLINK ERRA')).toEqual({ kind: 'auth-failed' });
    expect(parseGreeting('HTTP/1.1 400 Bad Request').kind).toBe('invalid');
    expect(parseGreeting('PJLINK 1 ').kind).toBe('invalid');
  });
});

describe('PJLink codec: responses', () => {
  it('parses OK, values and the four error codes', () => {
    expect(parseResponse('%1POWR=OK')).toEqual({ kind: 'ok', pjlinkClass: 1, command: 'POWR' });
    expect(parseResponse('%1POWR=1')).toEqual({ kind: 'value', pjlinkClass: 1, command: 'POWR', value: '1' });
    expect(parseResponse('%2SVOL=ERR3')).toEqual({ kind: 'error', pjlinkClass: 2, command: 'SVOL', error: 'ERR3' });
    for (const error of ['ERR1', 'ERR2', 'ERR3', 'ERR4']) expect(parseResponse(`%1INPT=${error}`)).toMatchObject({ kind: 'error', error });
    expect(parseResponse('PJLINK ERRA')).toEqual({ kind: 'auth-failed' });
  });

  it('keeps spaces and empty values (names, lamp lists)', () => {
    expect(parseResponse('%1NAME=Board Room')).toMatchObject({ kind: 'value', value: 'Board Room' });
    expect(parseResponse('%1NAME=')).toMatchObject({ kind: 'value', value: '' });
    expect(parseResponse('%1LAMP=1200 1 300 0')).toMatchObject({ kind: 'value', value: '1200 1 300 0' });
  });

  it('turns garbage into invalid instead of throwing', () => {
    for (const line of ['', 'POWR=1', '%3POWR=1', '%1POW=1', '%1powr=1', '%1POWR 1', '%1POWR=\u0000', 'x'.repeat(1000)]) {
      expect(parseResponse(line).kind).toBe('invalid');
    }
  });
});

describe('PJLink codec: values', () => {
  it('reads the four power states', () => {
    expect(['0', '1', '2', '3', '4', ''].map(parsePowerState)).toEqual(['standby', 'on', 'cooling', 'warming', undefined, undefined]);
    expect(parsePowerState('constructor')).toBeUndefined();
  });

  it('decodes ERST into six named fields and words for a person', () => {
    const status = parseErrorStatus('021001')!;
    expect(status).toEqual({ fan: 'ok', lamp: 'error', temperature: 'warning', cover: 'ok', filter: 'ok', other: 'warning' });
    expect(describeErrorStatus(status)).toBe('lamp error, temperature warning, other warning');
    expect(describeErrorStatus(parseErrorStatus('000000')!)).toBe('');
    expect(parseErrorStatus('03000')).toBeUndefined();
    expect(parseErrorStatus('0300000')).toBeUndefined();
  });

  it('reads lamp hours in pairs', () => {
    expect(parseLampStatus('12345 1')).toEqual([{ hours: 12345, on: true }]);
    expect(parseLampStatus('100 0 200 1')).toEqual([
      { hours: 100, on: false },
      { hours: 200, on: true },
    ]);
    expect(parseLampStatus('100')).toBeUndefined();
    expect(parseLampStatus('abc 1')).toBeUndefined();
    expect(parseLampStatus('')).toBeUndefined();
  });

  it('checks input codes per class', () => {
    expect(isValidInputCode('31', 1)).toBe(true);
    expect(isValidInputCode('59', 1)).toBe(true);
    expect(isValidInputCode('30', 1)).toBe(false);
    expect(isValidInputCode('61', 1)).toBe(false);
    expect(isValidInputCode('3A', 1)).toBe(false);
    expect(isValidInputCode('3A', 2)).toBe(true);
    expect(isValidInputCode('6Z', 2)).toBe(true);
    expect(isValidInputCode('70', 2)).toBe(false);
    expect(parseInputList('11 31 3A')).toEqual(['11', '31', '3A']);
    expect(parseInputList('11 99')).toBeUndefined();
  });

  it('reads and writes AVMT', () => {
    expect(parseMuteState('31')).toEqual({ video: true, audio: true });
    expect(parseMuteState('11')).toEqual({ video: true, audio: false });
    expect(parseMuteState('21')).toEqual({ video: false, audio: true });
    expect(parseMuteState('30')).toEqual({ video: false, audio: false });
    expect(parseMuteState('32')).toBeUndefined();
    expect([encodeMute('both', true), encodeMute('both', false), encodeMute('video', true), encodeMute('audio', false)]).toEqual(['31', '30', '11', '20']);
  });
});
