import { describe, expect, it } from 'vitest';
import { RoomctlError } from '../core/errors.js';
import {
  decodeFocusPayload,
  decodePanTiltPayload,
  decodePowerPayload,
  decodeReply,
  decodeZoomPayload,
  directionOf,
  encode,
  match,
  panTiltDrive,
  toHex,
  VISCA_COMMANDS as C,
  viscaReply,
} from './visca-codec.js';

/** `'81 01 04 00 02 FF'` → bytes, so each expectation reads like the protocol table. */
const bytes = (text: string) => Uint8Array.from(text.split(' '), (b) => parseInt(b, 16));
const hex = (frame: Uint8Array) => toHex(frame).toUpperCase();

describe('VISCA command encoding', () => {
  it.each([
    ['address set', encode(C.addressSet), '88 30 01 FF'],
    ['IF_Clear', encode(C.ifClear), '88 01 00 01 FF'],
    ['cancel socket 2', encode(C.cancel, { address: 1, socket: 2 }), '81 22 FF'],
    ['power on', encode(C.powerOn, { address: 1 }), '81 01 04 00 02 FF'],
    ['standby, camera 3', encode(C.powerStandby, { address: 3 }), '83 01 04 00 03 FF'],
    ['PowerInq', encode(C.powerInquiry, { address: 1 }), '81 09 04 00 FF'],
    ['zoom stop', encode(C.zoomStop, { address: 1 }), '81 01 04 07 00 FF'],
    ['zoom tele', encode(C.zoomTele, { address: 1 }), '81 01 04 07 02 FF'],
    ['zoom wide', encode(C.zoomWide, { address: 1 }), '81 01 04 07 03 FF'],
    ['zoom tele variable 5', encode(C.zoomTeleVariable, { address: 1, speed: 5 }), '81 01 04 07 25 FF'],
    ['zoom wide variable 7', encode(C.zoomWideVariable, { address: 1, speed: 7 }), '81 01 04 07 37 FF'],
    ['zoom direct 0x1234', encode(C.zoomDirect, { address: 1, position: 0x1234 }), '81 01 04 47 01 02 03 04 FF'],
    ['ZoomPosInq', encode(C.zoomPositionInquiry, { address: 1 }), '81 09 04 47 FF'],
    ['focus auto', encode(C.focusAuto, { address: 1 }), '81 01 04 38 02 FF'],
    ['focus manual', encode(C.focusManual, { address: 1 }), '81 01 04 38 03 FF'],
    ['focus one-push', encode(C.focusOnePush, { address: 1 }), '81 01 04 18 01 FF'],
    ['focus far 3', encode(C.focusFarVariable, { address: 1, speed: 3 }), '81 01 04 08 23 FF'],
    ['focus near 1', encode(C.focusNearVariable, { address: 1, speed: 1 }), '81 01 04 08 31 FF'],
    ['focus direct', encode(C.focusDirect, { address: 1, position: 0xc000 }), '81 01 04 48 0C 00 00 00 FF'],
    ['FocusPosInq', encode(C.focusPositionInquiry, { address: 1 }), '81 09 04 48 FF'],
    ['PanTiltPosInq', encode(C.panTiltPositionInquiry, { address: 1 }), '81 09 06 12 FF'],
    ['home', encode(C.panTiltHome, { address: 1 }), '81 01 06 04 FF'],
    ['reset', encode(C.panTiltReset, { address: 1 }), '81 01 06 05 FF'],
    ['preset reset 9', encode(C.presetReset, { address: 1, preset: 9 }), '81 01 04 3F 00 09 FF'],
    ['preset set 255', encode(C.presetSet, { address: 1, preset: 255 }), '81 01 04 3F 01 FF FF'],
    ['preset recall 5', encode(C.presetRecall, { address: 1, preset: 5 }), '81 01 04 3F 02 05 FF'],
  ])('%s', (_name, frame, expected) => expect(hex(frame)).toBe(expected));

  it.each([
    ['up', '81 01 06 01 10 08 03 01 FF'],
    ['down', '81 01 06 01 10 08 03 02 FF'],
    ['left', '81 01 06 01 10 08 01 03 FF'],
    ['right', '81 01 06 01 10 08 02 03 FF'],
    ['upLeft', '81 01 06 01 10 08 01 01 FF'],
    ['upRight', '81 01 06 01 10 08 02 01 FF'],
    ['downLeft', '81 01 06 01 10 08 01 02 FF'],
    ['downRight', '81 01 06 01 10 08 02 02 FF'],
    ['stop', '81 01 06 01 10 08 03 03 FF'],
  ] as const)('pan-tilt drive %s', (direction, expected) => {
    expect(hex(panTiltDrive(1, direction, 0x10, 0x08))).toBe(expected);
  });

  it('maps signed axis speeds to directions', () => {
    expect(directionOf(0.5, 0)).toBe('right');
    expect(directionOf(-1, 1)).toBe('upLeft');
    expect(directionOf(0, -0.2)).toBe('down');
    expect(directionOf(0, 0)).toBe('stop');
  });

  it('writes absolute and relative positions as signed 16-bit, a nibble per byte', () => {
    expect(hex(encode(C.panTiltAbsolute, { address: 1, panSpeed: 0x18, tiltSpeed: 0x14, pan: -400, tilt: 1200 }))).toBe(
      '81 01 06 02 18 14 0F 0E 07 00 00 04 0B 00 FF',
    );
    expect(hex(encode(C.panTiltRelative, { address: 2, panSpeed: 1, tiltSpeed: 1, pan: 16, tilt: -1 }))).toBe('82 01 06 03 01 01 00 00 01 00 0F 0F 0F 0F FF');
  });

  it('refuses values that do not fit their slot with a coded error', () => {
    expect(() => encode(C.powerOn, { address: 8 })).toThrow(RoomctlError);
    expect(() => encode(C.presetRecall, { address: 1, preset: 256 })).toThrow(/preset must be an integer 0..255/);
    expect(() => encode(C.zoomTeleVariable, { address: 1, speed: 16 })).toThrow(RoomctlError);
    expect(() => encode(C.panTiltAbsolute, { address: 1, panSpeed: 1, tiltSpeed: 1, pan: 40000, tilt: 0 })).toThrow(RoomctlError);
  });

  it('reads a command back into its slot values (the simulator side)', () => {
    expect(match(C.panTiltAbsolute, bytes('81 01 06 02 18 14 0F 0E 07 00 00 04 0B 00 FF'))).toEqual({
      address: 1,
      panSpeed: 0x18,
      tiltSpeed: 0x14,
      pan: -400,
      tilt: 1200,
    });
    expect(match(C.presetRecall, bytes('83 01 04 3F 02 05 FF'))).toEqual({ address: 3, preset: 5 });
    expect(match(C.zoomTeleVariable, bytes('81 01 04 07 35 FF'))).toBeUndefined();
    expect(match(C.zoomDirect, bytes('81 01 04 47 01 12 03 04 FF'))).toBeUndefined();
  });
});

describe('VISCA reply decoding', () => {
  it.each([
    ['90 41 FF', { kind: 'ack', address: 1, socket: 1 }],
    ['A0 42 FF', { kind: 'ack', address: 2, socket: 2 }],
    ['90 51 FF', { kind: 'completion', address: 1, socket: 1, payload: new Uint8Array() }],
    ['90 50 02 FF', { kind: 'completion', address: 1, socket: 0, payload: bytes('02') }],
    ['90 60 01 FF', { kind: 'error', address: 1, socket: 0, error: 'length', code: 1 }],
    ['90 60 02 FF', { kind: 'error', address: 1, socket: 0, error: 'syntax', code: 2 }],
    ['90 60 03 FF', { kind: 'error', address: 1, socket: 0, error: 'buffer_full', code: 3 }],
    ['90 61 04 FF', { kind: 'error', address: 1, socket: 1, error: 'cancelled', code: 4 }],
    ['90 62 05 FF', { kind: 'error', address: 1, socket: 2, error: 'no_socket', code: 5 }],
    ['F0 61 41 FF', { kind: 'error', address: 7, socket: 1, error: 'not_executable', code: 0x41 }],
    ['88 30 02 FF', { kind: 'address_set', cameras: 1 }],
    ['88 30 08 FF', { kind: 'address_set', cameras: 7 }],
    ['88 01 00 01 FF', { kind: 'if_clear' }],
    ['90 38 FF', { kind: 'network_change', address: 1 }],
  ])('%s', (frame, expected) => expect(decodeReply(bytes(frame))).toEqual(expected));

  it.each(['90 FF', '90 41', '81 41 FF', '91 41 FF', '90 41 00 FF', '90 60 77 FF', '90 70 FF', '88 30 09 FF', '88 99 FF', '90 FF 41 FF'])(
    'calls %s invalid instead of throwing',
    (frame) => expect(decodeReply(bytes(frame)).kind).toBe('invalid'),
  );

  it('never throws, whatever the bytes', () => {
    expect(decodeReply(new Uint8Array()).kind).toBe('invalid');
    expect(decodeReply(new Uint8Array(40).fill(0x90)).kind).toBe('invalid');
  });

  it('builds the replies a camera sends', () => {
    expect(hex(viscaReply.ack(1, 2))).toBe('90 42 FF');
    expect(hex(viscaReply.completion(2, 1))).toBe('A0 51 FF');
    expect(hex(viscaReply.error(1, 0, 'syntax'))).toBe('90 60 02 FF');
    expect(hex(viscaReply.addressSet(1))).toBe('88 30 02 FF');
    expect(hex(viscaReply.power(1, 'standby'))).toBe('90 50 03 FF');
    expect(hex(viscaReply.position16(1, -400, 1200))).toBe('90 50 0F 0E 07 00 00 04 0B 00 FF');
  });
});

describe('VISCA inquiry payloads', () => {
  it('reads power', () => {
    expect(decodePowerPayload(bytes('02'))).toBe('on');
    expect(decodePowerPayload(bytes('03'))).toBe('standby');
    expect(decodePowerPayload(bytes('04'))).toBeUndefined();
    expect(decodePowerPayload(bytes('02 02'))).toBeUndefined();
  });

  it('reads zoom and focus positions', () => {
    expect(decodeZoomPayload(bytes('04 00 00 00'))).toBe(0x4000);
    expect(decodeFocusPayload(bytes('0C 00 00 00'))).toBe(0xc000);
    expect(decodeZoomPayload(bytes('04 00 10 00'))).toBeUndefined();
    expect(decodeZoomPayload(bytes('04 00 00'))).toBeUndefined();
  });

  it('reads pan and tilt as signed 16-bit', () => {
    expect(decodePanTiltPayload(bytes('0F 0E 07 00 00 04 0B 00'))).toEqual({ pan: -400, tilt: 1200 });
    expect(decodePanTiltPayload(bytes('08 00 00 00 07 0F 0F 0F'))).toEqual({ pan: -32768, tilt: 32767 });
    expect(decodePanTiltPayload(bytes('0F 0E 07 00'))).toBeUndefined();
  });
});
