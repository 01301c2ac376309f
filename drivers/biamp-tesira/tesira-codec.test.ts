import { describe, expect, it } from 'vitest';
import { encodeTtp, formatTtpValue, parseAliasList, parseTtpLine } from './tesira-codec.js';

describe('TTP codec', () => {
  it('encodes get, set, toggle and subscribe lines', () => {
    expect(encodeTtp({ instanceTag: 'Level1', verb: 'get', attribute: 'level', index: 1 })).toBe('Level1 get level 1\n');
    expect(encodeTtp({ instanceTag: 'Level1', verb: 'set', attribute: 'level', index: 1, value: -10 })).toBe('Level1 set level 1 -10\n');
    expect(encodeTtp({ instanceTag: 'Mute1', verb: 'set', attribute: 'mute', index: 2, value: true })).toBe('Mute1 set mute 2 true\n');
    expect(encodeTtp({ instanceTag: 'Level1', verb: 'subscribe', attribute: 'level', index: 1, value: 'Tok', rateMs: 500 })).toBe(
      'Level1 subscribe level 1 Tok 500\n',
    );
    expect(() => encodeTtp({ instanceTag: 'Level 1', verb: 'get', attribute: 'level' })).toThrow(RangeError);
  });

  it('parses +OK with and without a value, -ERR, publishes, the banner and echoes', () => {
    expect(parseTtpLine('+OK')).toEqual({ kind: 'ok', value: undefined, raw: '' });
    expect(parseTtpLine('+OK "value":-10.000000')).toMatchObject({ kind: 'ok', value: -10 });
    expect(parseTtpLine('+OK "value":true')).toMatchObject({ kind: 'ok', value: true });
    expect(parseTtpLine('-ERR address not found: {"deviceId":0}')).toEqual({ kind: 'error', message: 'address not found: {"deviceId":0}' });
    expect(parseTtpLine('! "publishToken":"Tok" "value":-3.500000')).toEqual({ kind: 'publish', token: 'Tok', value: -3.5 });
    expect(parseTtpLine('Welcome to the Tesira Text Protocol Server...')).toEqual({ kind: 'banner' });
    expect(parseTtpLine('Level1 get level 1')).toEqual({ kind: 'other', line: 'Level1 get level 1' });
    expect(parseAliasList('"list":["Level1" "Mute1"]')).toEqual(['Level1', 'Mute1']);
    expect(formatTtpValue(-10)).toBe('-10.000000');
  });
});
