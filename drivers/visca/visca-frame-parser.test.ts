import { describe, expect, it } from 'vitest';
import { toHex } from './visca-codec.js';
import { ViscaFrameParser } from './visca-frame-parser.js';

const bytes = (text: string) => Uint8Array.from(text.split(' '), (b) => parseInt(b, 16));
const frames = (parser: ViscaFrameParser, ...chunks: string[]) => chunks.flatMap((c) => parser.push(bytes(c))).map((f) => toHex(f).toUpperCase());

describe('ViscaFrameParser', () => {
  it('splits a stream at each terminator', () => {
    expect(frames(new ViscaFrameParser(), '90 41 FF 90 51 FF')).toEqual(['90 41 FF', '90 51 FF']);
  });

  it('joins a frame split across chunks', () => {
    expect(frames(new ViscaFrameParser(), '90', '50 0F 0E', '07 00 00 04 0B 00', 'FF')).toEqual(['90 50 0F 0E 07 00 00 04 0B 00 FF']);
  });

  it('drops bytes that cannot start a frame', () => {
    const parser = new ViscaFrameParser();
    expect(frames(parser, '00 7F FF 12 90 41 FF')).toEqual(['90 41 FF']);
    expect(parser.droppedBytes).toBe(4);
  });

  it('keeps high data bytes inside a frame (preset 0x90 is a legal parameter)', () => {
    expect(frames(new ViscaFrameParser(), '81 01 04 3F 02 90 FF')).toEqual(['81 01 04 3F 02 90 FF']);
  });

  it('drops an overlong frame and resyncs at the next terminator', () => {
    const parser = new ViscaFrameParser();
    const noise = Array.from({ length: 20 }, () => '90').join(' ');
    expect(frames(parser, noise, '01 02 FF 90 42 FF')).toEqual(['90 42 FF']);
    expect(parser.overlongFrames).toBe(1);
    expect(parser.bufferedLength).toBe(0);
  });

  it('accepts a frame of exactly the maximum length', () => {
    const sixteen = ['90', ...Array.from({ length: 14 }, () => '01'), 'FF'].join(' ');
    expect(frames(new ViscaFrameParser(), sixteen)).toEqual([sixteen]);
  });

  it('takes longer frames when asked to (a camera answers them with a length error)', () => {
    const long = ['81', ...Array.from({ length: 20 }, () => '01'), 'FF'].join(' ');
    expect(frames(new ViscaFrameParser({ maxFrameLength: 64 }), long)).toEqual([long]);
  });

  it('forgets a partial frame on reset', () => {
    const parser = new ViscaFrameParser();
    frames(parser, '90 50 02');
    parser.reset();
    expect(frames(parser, '90 41 FF')).toEqual(['90 41 FF']);
  });
});
