import { describe, expect, it } from 'vitest';
import { DO, DONT, IAC, SB, SE, TelnetFilter, WILL, WONT, escapeIac } from './telnet-codec.js';

describe('TelnetFilter', () => {
  it('refuses DO with WONT and WILL with DONT, once per option, and passes the data through', () => {
    const filter = new TelnetFilter();
    const out = filter.push(Buffer.from([IAC, DO, 24, IAC, WILL, 1, ...Buffer.from('Welcome'), IAC, DO, 24]));
    expect([...out.replies]).toEqual([IAC, WONT, 24, IAC, DONT, 1]);
    expect(out.data.toString()).toBe('Welcome');
    expect(out.requests).toEqual([
      { verb: 'DO', option: 24 },
      { verb: 'WILL', option: 1 },
      { verb: 'DO', option: 24 },
    ]);
  });

  it('skips subnegotiation, unescapes IAC IAC, and copes with a sequence split across chunks', () => {
    const filter = new TelnetFilter();
    const a = filter.push(Buffer.from([0x41, IAC]));
    const b = filter.push(Buffer.from([SB, 24, 1, IAC, SE, 0x42, IAC, IAC, IAC]));
    const c = filter.push(Buffer.from([DO, 3, 0x43]));
    expect(Buffer.concat([a.data, b.data, c.data]).toString('latin1')).toBe('AB\xffC');
    expect([...c.replies]).toEqual([IAC, WONT, 3]);
    expect([...escapeIac(Buffer.from([1, IAC, 2]))]).toEqual([1, IAC, IAC, 2]);
  });
});
