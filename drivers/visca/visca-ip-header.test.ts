import { describe, expect, it } from 'vitest';
import { bytes, hex } from '../testing/hex.js';
import { decodeViscaIp, encodeViscaIp, nextSequence, viscaIpTypeOf } from './visca-ip-header.js';

describe('VISCA-over-IP header', () => {
  it('wraps power on exactly as the Sony manual shows it', () => {
    expect(hex(encodeViscaIp('command', 1, bytes('81 01 04 00 02 FF')))).toBe('01 00 00 06 00 00 00 01 81 01 04 00 02 FF');
  });

  it("reads the camera's ACK back with its sequence number", () => {
    expect(decodeViscaIp(bytes('01 11 00 03 00 00 00 01 90 41 FF'))).toEqual({ kind: 'packet', type: 'reply', sequence: 1, payload: bytes('90 41 FF') });
  });

  it('carries RESET and the control errors', () => {
    expect(hex(encodeViscaIp('control', 7, Uint8Array.of(0x01)))).toBe('02 00 00 01 00 00 00 07 01');
    expect(decodeViscaIp(bytes('02 01 00 02 00 00 00 09 0F 01'))).toMatchObject({ type: 'controlReply', sequence: 9, payload: bytes('0F 01') });
  });

  it('uses the full 32 bits of the sequence number and wraps after the last', () => {
    expect(decodeViscaIp(encodeViscaIp('inquiry', 0xfffffffe, bytes('81 09 04 00 FF')))).toMatchObject({ sequence: 0xfffffffe });
    expect(nextSequence(0xffffffff)).toBe(0);
  });

  it.each([
    ['a datagram shorter than a header', '01 00 00 01 00 00 00'],
    ['an unknown payload type', '03 00 00 01 00 00 00 01 FF'],
    ['a length that disagrees with the datagram', '01 00 00 05 00 00 00 01 81 01 FF'],
    ['a zero length', '01 00 00 00 00 00 00 01'],
    ['a payload longer than any VISCA message', `01 00 00 11 00 00 00 01 ${'00 '.repeat(17)}`],
  ])('refuses %s without throwing', (_what, datagram) => {
    expect(decodeViscaIp(bytes(datagram))).toMatchObject({ kind: 'invalid' });
  });

  it('refuses to build a payload VISCA cannot carry', () => {
    expect(() => encodeViscaIp('command', 1, new Uint8Array(17))).toThrow(RangeError);
    expect(() => encodeViscaIp('command', 1, new Uint8Array(0))).toThrow(RangeError);
  });

  it('tells inquiries from commands by their second byte', () => {
    expect(viscaIpTypeOf(bytes('81 09 06 12 FF'))).toBe('inquiry');
    expect(viscaIpTypeOf(bytes('81 01 06 04 FF'))).toBe('command');
  });
});
