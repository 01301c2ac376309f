import { describe, expect, it } from 'vitest';
import { MdcFrameParser, encodeMdc, encodeMdcReply, parseStatus } from './mdc-codec.js';

describe('MDC codec', () => {
  it('encodes commands with the checksum over everything after 0xAA', () => {
    // Power on, ID 0: AA 11 00 01 01 → checksum 0x13 (the manual's own example).
    expect([...encodeMdc(0x11, 0x00, [0x01])]).toEqual([0xaa, 0x11, 0x00, 0x01, 0x01, 0x13]);
    expect([...encodeMdc(0x00, 0x01)]).toEqual([0xaa, 0x00, 0x01, 0x00, 0x01]);
  });

  it('finds ACK and NAK frames, skipping noise and bad checksums, across chunks', () => {
    const parser = new MdcFrameParser();
    const ack = encodeMdcReply(1, 0x12, { ack: [60] });
    const bad = Buffer.from(encodeMdcReply(1, 0x13, { ack: [1] }));
    bad[bad.length - 1] ^= 0xff;
    const nak = encodeMdcReply(1, 0x13, { nak: 1 });
    const bytes = Buffer.concat([Buffer.from([0x00, 0x42]), ack, bad, nak]);
    const frames = [...parser.push(bytes.subarray(0, 7)), ...parser.push(bytes.subarray(7))];
    expect(frames).toEqual([
      { kind: 'ack', id: 1, cmd: 0x12, values: [60] },
      { kind: 'nak', id: 1, cmd: 0x13, error: 1 },
    ]);
    expect(parser.rejected).toBeGreaterThan(0);
  });

  it('reads the status values', () => {
    expect(parseStatus([1, 30, 0, 0x21, 0x10, 0, 0])).toEqual({ power: true, volume: 30, mute: false, input: 'hdmi1' });
    expect(parseStatus([1, 200, 0, 0x21])).toBeUndefined();
  });
});
