import { describe, expect, it } from 'vitest';
import { LineFramer } from './pjlink-codec.js';

describe('PJLink line framer', () => {
  it('splits on CR and keeps a partial line for the next chunk', () => {
    const framer = new LineFramer();
    expect(framer.push('%1POWR=OK\r%1PO')).toEqual(['%1POWR=OK']);
    expect(framer.buffered).toBe(4);
    expect(framer.push('WR=1\r')).toEqual(['%1POWR=1']);
    expect(framer.buffered).toBe(0);
  });

  it('frames byte by byte the same as all at once', () => {
    const text = 'PJLINK 0\r%1CLSS=2\r%1NAME=Böard\r';
    const framer = new LineFramer();
    const lines = [...Buffer.from(text)].flatMap((b) => framer.push(Uint8Array.of(b)));
    expect(lines).toEqual(new LineFramer().push(text));
    expect(lines).toEqual(['PJLINK 0', '%1CLSS=2', '%1NAME=Böard']);
  });

  it('drops the LF of CRLF firmware', () => {
    expect(new LineFramer().push('%1POWR=OK\r\n%1INPT=31\r\n')).toEqual(['%1POWR=OK', '%1INPT=31']);
  });

  it('drops an overlong line up to its CR and stays bounded', () => {
    const framer = new LineFramer(16);
    expect(framer.push('x'.repeat(10))).toEqual([]);
    expect(framer.push('y'.repeat(100))).toEqual([]);
    expect(framer.buffered).toBe(0);
    expect(framer.push('zzz\r%1POWR=1\r')).toEqual(['%1POWR=1']);
    expect(framer.discarded).toBe(1);
  });

  it('drops an overlong line that arrives whole', () => {
    const framer = new LineFramer(16);
    expect(framer.push(`${'x'.repeat(40)}\r%1POWR=1\r`)).toEqual(['%1POWR=1']);
    expect(framer.discarded).toBe(1);
  });
});
