import { describe, expect, it } from 'vitest';
import { encodeLg, encodeLgReply, parseLgCommand, parseLgReply } from './lg-codec.js';

describe('LG codec', () => {
  it('encodes `ka 01 01` with a CR and reads `a 01 OK01`', () => {
    expect(encodeLg('ka', 1, 1)).toBe('ka 01 01\r');
    expect(encodeLg('kf', 1, 100)).toBe('kf 01 64\r');
    expect(parseLgReply('a 01 OK01')).toEqual({ kind: 'ok', command: 'a', setId: 1, data: 1 });
    expect(parseLgReply('\r\nf 01 NG64')).toEqual({ kind: 'ng', command: 'f', setId: 1, data: 100 });
    expect(parseLgReply('a 01 OKZZ')).toMatchObject({ kind: 'invalid' });
    expect(parseLgCommand('xb 01 90')).toEqual({ command: 'xb', setId: 1, data: 0x90 });
    expect(encodeLgReply('ka', 1, true, 1)).toBe('a 01 OK01x');
    expect(() => encodeLg('KA', 1, 1)).toThrow(RangeError);
  });
});
